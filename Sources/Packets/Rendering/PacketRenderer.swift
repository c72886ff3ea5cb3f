import Escaping
import GuideKit
import PacketPlanning

/// Renders a packet's template outputs, rendering Mustache once per shape of packet and then
/// filling each seller's values into that render.
///
/// A packet's files depend on the seller in two ways: structure (which steps, blocks and notes
/// the plan holds, which credentials are known: the ``PacketShape``) and per-seller text
/// (names, ids, accounts, guide text filled with the seller's variables, credential values).
/// For each new shape the renderer builds the context with slot markers in place of the
/// per-seller text, renders every template with Mustache once, and keeps the result as a
/// ``Skeleton`` per output. For each seller it then computes only the per-seller texts, escapes
/// each for the format its marker was written in, and splices them in.
///
/// The result is the bytes Mustache writes: Mustache's output depends on a text value only
/// by writing it (escaped by the output's content type, or not), as long as the templates use
/// no transforms, dynamic partials, pragmas or set-delimiter tags (``TemplateSet/canSplice(_:)``);
/// sets that do are always rendered with Mustache. As a guard, the first seller of every shape
/// is also rendered with Mustache and compared; a shape that differs is rendered with Mustache
/// from then on. Shapes are kept in a bounded cache, so memory stays flat.
///
/// One renderer per thread: it is not safe for concurrent use.
final class PacketRenderer {
  /// A packet's template outputs, in the template set's output order.
  struct Rendered {
    /// Each output's bytes.
    var outputs: [[UInt8]]
    /// The screenshots the packet uses, in first-use order.
    var usedScreenshots: [ScreenshotCatalog.Asset]
  }

  /// How packets were rendered (for tests).
  struct Counts: Equatable {
    /// Packets filled into a shape render.
    var spliced = 0
    /// Packets rendered with Mustache.
    var mustache = 0
    /// Shapes rendered.
    var shapes = 0
    /// Shapes whose check against Mustache failed.
    var rejected = 0
  }

  /// The renders of one shape for one set of flag values.
  private final class SkeletonSet {
    let skeletons: [Skeleton]
    /// Every piece the outputs use, and each output's pieces as positions in this list.
    let pieces: [Skeleton.Piece]
    /// For each skeleton, each insertion's piece as a position in ``pieces``.
    let positions: [[Int]]
    /// The slots the pieces use, ascending.
    let neededSlots: [Int]
    var checked = false
    var rejected = false

    init(skeletons: [Skeleton]) {
      self.skeletons = skeletons
      var order: [Skeleton.Piece: Int] = [:]
      var pieces: [Skeleton.Piece] = []
      for skeleton in skeletons {
        for piece in skeleton.pieces where order[piece] == nil {
          order[piece] = pieces.count
          pieces.append(piece)
        }
      }
      self.pieces = pieces
      self.positions = skeletons.map { $0.positions(in: order) }
      self.neededSlots = Set(pieces.map(\.slot)).sorted()
    }
  }

  /// One shape: its marker context and its renders by flag values.
  private final class ShapeEntry {
    let shape: PacketContextBuilder.ShapeContext
    /// The slots that may throw, in emission order.
    let throwingSlots: [Int]
    var sets: [[Bool]: SkeletonSet] = [:]
    /// No render of this shape can be spliced (a marker did not come out whole).
    var unusable = false

    init(shape: PacketContextBuilder.ShapeContext) {
      self.shape = shape
      self.throwingSlots = shape.slots.indices.filter { shape.slots[$0].mayThrow }
    }
  }

  let templates: TemplateSet
  let builder: PacketContextBuilder
  private var shapes: [String: ShapeEntry] = [:]
  private let shapeLimit: Int
  private let escapers: [any ValueEscaper] = OutputFormat.allCases.map(\.escaper)
  /// How packets were rendered so far.
  private(set) var counts = Counts()

  init(templates: TemplateSet, builder: PacketContextBuilder, shapeLimit: Int = 64) {
    self.templates = templates
    self.builder = builder
    self.shapeLimit = shapeLimit
  }

  /// Renders a plan's template outputs.
  /// - Throws: ``MarkdownFiller/UnsafeLink``.
  func render(_ plan: PacketPlan) throws -> Rendered {
    guard templates.shapeLibrary != nil else { return try renderWithMustache(plan) }
    let key = PacketShape.key(of: plan, guide: builder.guide)
    let entry: ShapeEntry
    if let known = shapes[key] {
      entry = known
    } else {
      guard let shape = builder.buildShape(PacketShape.scrubbed(plan)) else { return try renderWithMustache(plan) }
      if shapes.count >= shapeLimit { shapes.removeAll(keepingCapacity: true) }
      entry = ShapeEntry(shape: shape)
      shapes[key] = entry
    }
    if entry.unusable { return try renderWithMustache(plan) }

    let evaluator = SlotEvaluator(input: builder.input(for: plan), nodeCount: entry.shape.nodeCount)
    let slots = entry.shape.slots
    for slot in entry.throwingSlots { _ = try evaluator.value(of: slots[slot]) }
    let flags = try entry.shape.flagSlots.map { try !evaluator.value(of: slots[$0]).isEmpty }

    let set: SkeletonSet
    if let known = entry.sets[flags] {
      set = known
    } else {
      guard let made = makeSkeletons(entry.shape, flags: flags) else {
        entry.unusable = true
        counts.rejected += 1
        return try renderWithMustache(plan)
      }
      counts.shapes += 1
      set = made
      entry.sets[flags] = set
    }
    if set.rejected { return try renderWithMustache(plan) }

    var texts = [String](repeating: "", count: slots.count)
    for slot in set.neededSlots { texts[slot] = try evaluator.value(of: slots[slot]) }
    let pieceTexts = set.pieces.map { piece in
      piece.format.map { escapers[$0.index].escape(texts[piece.slot]) } ?? texts[piece.slot]
    }
    let outputs = zip(set.skeletons, set.positions).map { $0.fill($1, texts: pieceTexts) }
    let rendered = Rendered(outputs: outputs, usedScreenshots: entry.shape.context.usedScreenshots)

    if !set.checked {
      set.checked = true
      let reference = try renderWithMustache(plan, counted: false)
      if reference.outputs != rendered.outputs {
        set.rejected = true
        counts.rejected += 1
        counts.mustache += 1
        return reference
      }
    }
    counts.spliced += 1
    return rendered
  }

  /// Renders every output of a shape with the flags decided.
  private func makeSkeletons(_ shape: PacketContextBuilder.ShapeContext, flags: [Bool]) -> SkeletonSet? {
    var context = shape.context
    if !flags.isEmpty {
      context.base = Self.resolve(context.base, flags: flags) as? [String: Any] ?? context.base
      context.credentials = context.credentials.map { Self.resolve($0, flags: flags) as? [String: Any] ?? $0 }
      context.credentialsWithValues = context.credentialsWithValues.map {
        Self.resolve($0, flags: flags) as? [String: Any] ?? $0
      }
    }
    var skeletons: [Skeleton] = []
    for output in templates.outputs {
      guard let text = templates.renderShape(output, context: context.dictionary(for: output.format)),
        let skeleton = Skeleton(rendered: text)
      else { return nil }
      skeletons.append(skeleton)
    }
    return SkeletonSet(skeletons: skeletons)
  }

  /// A context value with its deferred flags replaced by their values.
  private static func resolve(_ value: Any, flags: [Bool]) -> Any {
    switch value {
    case let flag as ContextEmitter.DeferredFlag: return flags[flag.index]
    case let dictionary as [String: Any]: return dictionary.mapValues { resolve($0, flags: flags) }
    case let list as [[String: Any]]: return list.map { $0.mapValues { resolve($0, flags: flags) } }
    default: return value
    }
  }

  /// Renders a plan's outputs with Mustache from the concrete context (the reference the
  /// spliced renders must equal).
  func renderWithMustache(_ plan: PacketPlan, counted: Bool = true) throws -> Rendered {
    let context = try builder.build(plan)
    if counted { counts.mustache += 1 }
    return Rendered(
      outputs: templates.outputs.map { Array(templates.render($0, context: context.dictionary(for: $0.format)).utf8) },
      usedScreenshots: context.usedScreenshots)
  }
}
