#include "CFuzzDriver.h"

#include <stddef.h>
#include <stdint.h>

// Provided by libFuzzer (linked by -sanitize=fuzzer) and by the fuzz target.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int onboard_fuzz_main(int argc, char **argv) {
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
