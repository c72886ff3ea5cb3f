import CredentialSpecs
import OnboardDiagnostics

/// A parsed guide: its metadata, stages and steps, credential specs, screenshots and data table.
///
/// Build one with ``GuideLoader``. Every element keeps its source location.
public struct Guide: Sendable {
  /// The guide file's path, as given.
  public var file: String
  /// The front matter.
  public var metadata: GuideMetadata
  /// The `#` heading's text (falls back to the front matter's title).
  public var title: String
  /// Markdown between the title and the first `##` section.
  public var introduction: [Block]
  /// The stages, in order.
  public var stages: [Stage]
  /// `##` sections that hold no steps (background, gallery, credentials), in order.
  public var sections: [Section]
  /// The credential specs from the `yaml credentials` block.
  public var credentials: CredentialSpecSet
  /// Every screenshot the guide names, once per path, in first-use order.
  public var screenshots: [Screenshot]
  /// The data table named by the front matter, if any.
  public var dataTable: DataTable?
  /// Each condition of the guide (a **When:** line, a `<!-- when -->` region), parsed, mapped to
  /// its text as the author first wrote it (backticks around it dropped); see
  /// ``writtenText(of:)``.
  public var conditionTexts: [Condition: String] = [:]

  /// Creates a guide value.
  public init(
    file: String, metadata: GuideMetadata, title: String, introduction: [Block] = [],
    stages: [Stage] = [], sections: [Section] = [], credentials: CredentialSpecSet = CredentialSpecSet(),
    screenshots: [Screenshot] = [], dataTable: DataTable? = nil
  ) {
    self.file = file
    self.metadata = metadata
    self.title = title
    self.introduction = introduction
    self.stages = stages
    self.sections = sections
    self.credentials = credentials
    self.screenshots = screenshots
    self.dataTable = dataTable
  }

  /// All steps, in order across stages.
  public var steps: [Step] { stages.flatMap(\.steps) }

  /// The step with this id.
  public func step(id: String) -> Step? { steps.first { $0.id == id } }

  /// The stage with this id.
  public func stage(id: String) -> Stage? { stages.first { $0.id == id } }

  /// The screenshot with this path (as written in the guide).
  public func screenshot(path: String) -> Screenshot? { screenshots.first { $0.path == path } }

  /// The steps that produce a credential.
  public func producers(of key: String) -> [Step] {
    steps.filter { $0.produces.contains { $0.key == key } }
  }
}

/// The guide's YAML front matter.
public struct GuideMetadata: Hashable, Sendable {
  /// The guide's stable id.
  public var id: String
  /// Its title.
  public var title: String
  /// Its version, as written.
  public var version: String
  /// The data table file, relative to the guide.
  public var data: String?
  /// Where ``data`` is written in the front matter, when it is.
  public var dataLocation: DiagnosticLocation?
  /// The roster field that picks a recipient's row in the data table.
  public var dataKey: String?
  /// Template sets under `templates/` used for packets.
  public var templates: [String]
  /// Where each of ``templates`` is written, in the same order.
  public var templateLocations: [DiagnosticLocation] = []
  /// The credential file layout packets write (front matter `layout:`): the `name` of one of the
  /// template set's `layout.yml` files, such as `dotenv` or `yaml`; `nil` when not given.
  public var layout: String?
  /// Where ``layout`` is written, when it is.
  public var layoutLocation: DiagnosticLocation?
  /// Variables the guide needs from each roster row, beyond the standard fields.
  public var variables: [VariableDeclaration]
  /// Where the front matter is (line 1 when present).
  public var location: DiagnosticLocation

  /// Creates metadata.
  public init(
    id: String, title: String, version: String, data: String? = nil, dataKey: String? = nil,
    templates: [String] = [], variables: [VariableDeclaration] = [], location: DiagnosticLocation
  ) {
    self.id = id
    self.title = title
    self.version = version
    self.data = data
    self.dataKey = dataKey
    self.templates = templates
    self.variables = variables
    self.location = location
  }
}

/// A variable the front matter declares: `name: description` (any value allowed), or the long
/// form with `description:` and `values:` (a closed set of allowed values).
public struct VariableDeclaration: Hashable, Sendable {
  /// Its name, used as `{{name}}`.
  public var name: String
  /// What it is, for labelled blanks and documentation.
  public var description: String
  /// The allowed values (the long form's `values:`), or `nil` when any value is allowed.
  public var values: [AllowedValue]?
  /// Where the name is written in the front matter, when known.
  public var location: DiagnosticLocation?

  /// Creates a declaration.
  public init(
    name: String, description: String, values: [AllowedValue]? = nil, location: DiagnosticLocation? = nil
  ) {
    self.name = name
    self.description = description
    self.values = values
    self.location = location
  }
}
