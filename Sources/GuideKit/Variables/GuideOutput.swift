/// What onboard is making from a guide: the value of the standard variable `output`, which lets
/// a guide's text say what only one kind of output has (`<!-- when: output == "packet" -->` for
/// "your packet already holds this file").
public enum GuideOutput: String, CaseIterable, Sendable {
  /// A recipient's onboarding packet: its checklist, prompts and credential files (and the
  /// checklist's PDF).
  case packet
  /// A printed runbook (`onboard runbook`), for one recipient or generic.
  case runbook
  /// `onboard walk` in the terminal.
  case walk

  /// The standard variable's name.
  public static let variableName = "output"
}
