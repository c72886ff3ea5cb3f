#ifndef ONBOARD_FUZZ_DRIVER_H
#define ONBOARD_FUZZ_DRIVER_H

/// Runs libFuzzer with the process's arguments and the target's LLVMFuzzerTestOneInput.
///
/// SwiftPM links every executable with `--defsym main=<Module>_main` (so tests can link an
/// executable's code). Under `-parse-as-library` no `<Module>_main` is emitted, so each fuzz
/// target defines it with `@_cdecl` and calls this, which hands control to libFuzzer's driver
/// exactly as libFuzzer's own `main` would.
int onboard_fuzz_main(int argc, char **argv);

#endif
