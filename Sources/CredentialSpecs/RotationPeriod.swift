/// A credential spec's `rotate-every` and `warn-before` values: a whole number of days (`180d`)
/// or weeks (`26w`).
public enum RotationPeriod {
  /// The longest period accepted: 100 years.
  public static let maximumDays = 36_525

  /// The days of `180d` or `26w`, or `nil` when the text is neither (or zero, or too long).
  public static func days(_ text: String) -> Int? {
    guard let unit = text.last, ["d", "w"].contains(unit) else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let number = Int(digits), number > 0
    else { return nil }
    let days = unit == "w" ? number * 7 : number
    return days <= maximumDays ? days : nil
  }
}
