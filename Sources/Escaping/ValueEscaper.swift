/// Turns a value into text that is inert in one kind of output file.
///
/// Each output a packet writes has its own escaper: HTML entities, Markdown backslashes, YAML
/// and dotenv and Python and JSON string literals. Escapers never fail; a value that an output
/// cannot carry exactly is refused earlier, by ``ValueEscaper/cannotRepresent(_:)``.
public protocol ValueEscaper: Sendable {
  /// The escaped (for literal formats: the complete quoted) form of `value`.
  func escape(_ value: String) -> String
  /// Why `value` cannot be written exactly in this format, or `nil` when it can.
  /// The reason never quotes the value.
  func cannotRepresent(_ value: String) -> String?
}

extension ValueEscaper {
  /// Every value can be represented unless an escaper says otherwise.
  public func cannotRepresent(_ value: String) -> String? { nil }
}
