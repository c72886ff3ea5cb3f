import OnboardDiagnostics
import PacketPlanning

/// A packet about to be written: its plan and the files rendered so far.
public struct RenderedPacket: Sendable {
  /// The plan it was rendered from.
  public var plan: PacketPlan
  /// The files rendered from the templates (and by earlier extras).
  public var files: [PacketFile]

  /// The text of a rendered file, by its path in the packet.
  public func text(of path: String) -> String? {
    for file in files where file.path == path {
      if case .bytes(let bytes) = file.content { return String(decoding: bytes, as: UTF8.self) }
    }
    return nil
  }
}

/// The extension point for more packet files, such as a PDF of the checklist (`--pdf`).
///
/// The generator calls every extra after the templates are rendered and before the packet is
/// written; the files an extra returns go into the same atomic packet folder and into
/// `packet.json`. An extra must not put credential values into files other than credential
/// files, and should produce the same bytes for the same input.
public protocol PacketExtras: Sendable {
  /// Problems with a seller's plan that would stop ``files(for:)``, found in the generator's
  /// first pass with the roster's other problems, so none stops a run half-way (such as a
  /// `paper` value that names no paper, for the runbook PDF). Errors stop every packet.
  func problems(for plan: PacketPlan) -> [Diagnostic]

  /// Files to add to a packet.
  /// - Throws: any error; the packet is then not written and the error is reported.
  func files(for packet: RenderedPacket) throws -> [PacketFile]

  /// Whether ``files(for:)`` may run for several packets at once on different threads. When any
  /// extra says no (the default), the generator renders and writes one packet at a time.
  var supportsConcurrentUse: Bool { get }
}

extension PacketExtras {
  /// By default an extra finds no problems before it runs.
  public func problems(for plan: PacketPlan) -> [Diagnostic] { [] }

  /// By default an extra is called for one packet at a time.
  public var supportsConcurrentUse: Bool { false }
}
