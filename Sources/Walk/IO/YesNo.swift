import Foundation

/// Reads yes/no answers.
public enum YesNo {
  /// `true` for y/yes, `false` for n/no (trimmed, any case), `nil` otherwise.
  public static func parse(_ answer: String) -> Bool? {
    switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
    case "y", "yes": return true
    case "n", "no": return false
    default: return nil
    }
  }
}
