import OnboardDiagnostics

/// Every guide rule with its descriptor and examples that trigger it and that don't.
/// Tests load each example and check the rule fires (or not); docs/guide-format.md lists them.
///
/// A `↓` in a triggering example marks where the rule's diagnostic points: the test takes the
/// markers out, and the rule must fire at exactly the marked lines and columns (as swift-format's
/// and SwiftLint's examples do).
public enum GuideRuleCatalogue {
  /// A rule with examples.
  public struct Entry: Sendable {
    /// The descriptor.
    public var descriptor: RuleDescriptor
    /// Guides (Markdown) on which the rule must fire, with a `↓` before each character the
    /// rule's diagnostics point at.
    public var triggering: [String]
    /// Guides on which it must not fire.
    public var nonTriggering: [String]
  }

  /// The descriptors alone, for SARIF.
  public static var descriptors: [RuleDescriptor] { entries.map(\.descriptor) }

  /// A minimal valid guide around a body of stages.
  public static func guide(_ stages: String, frontMatter: String = "") -> String {
    """
    ---
    id: example
    title: Example
    version: 1
    \(frontMatter)---

    # Example

    \(stages)
    """
  }

  static let validStage = """
    ## <a id="s"></a>Stage

    1. <a id="a"></a>Do the thing.
    """

  static func entry(
    _ id: String, _ severity: Severity, _ summary: String, _ help: String, triggering: [String],
    nonTriggering: [String]
  ) -> Entry {
    Entry(
      descriptor: RuleDescriptor(id: id, summary: summary, defaultSeverity: severity, help: help),
      triggering: triggering, nonTriggering: nonTriggering)
  }

  /// All entries, in catalogue order.
  public static let entries: [Entry] = [
    entry(
      GuideRules.empty, .error, "The guide file is empty.",
      "A guide needs front matter, a # title and at least one stage with steps.",
      triggering: ["↓", "↓\n\n  \n"], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.frontMatter, .error, "The front matter is missing, malformed, or lacks id, title or version.",
      "Start the guide with --- lines holding id, title and version (and optionally data, data-key, templates, variables).",
      triggering: [
        "↓# T\n\n" + validStage, "---\nid: x\ntitle: [unclosed\n↓---\n# T\n\n" + validStage,
        "↓---\nid: x\ntitle: T\n---\n# T\n\n" + validStage,
        guide(validStage, frontMatter: "variables:\n  credential_source:\n    values: [file, ↓enviroment]\n"),
        guide(validStage, frontMatter: "variables:\n  tier:\n    values: ↓[]\n"),
      ],
      nonTriggering: [
        guide(validStage),
        guide(
          validStage,
          frontMatter:
            "variables:\n  owner: the owner\n  tier:\n    description: the plan\n    values:\n      basic: the basic plan\n      pro: the pro plan\n  credential_source:\n    values:\n      file: in a file\n"
        ),
      ]),
    entry(
      GuideRules.noTitle, .warning, "The guide has no # title heading.", "Add a # heading after the front matter.",
      triggering: ["↓---\nid: x\ntitle: T\nversion: 1\n---\n\n" + validStage], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.noStages, .error, "The guide has no stage: no ## section holds steps.",
      "A stage is a ## section with an ordered list of steps or ### step headings.",
      triggering: ["↓" + guide("## Background\n\nJust prose.\n")], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.duplicateID, .error, "Two stages, steps or sections share an id.",
      "Ids must be unique in a guide; rename one.",
      triggering: [guide(validStage + "\n↓2. <a id=\"a\"></a>Again.\n")], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.unsafeID, .error, "An id cannot be used as a file or folder name.",
      "Ids name files and folders: they may not start with '-', end with '.', or be a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9) with or without an extension, in any case.",
      triggering: [
        guide("## <a id=\"s\"></a>Stage\n\n↓1. <a id=\"-rf\"></a>Do the thing.\n"),
        guide("↓## <a id=\"CON\"></a>Stage\n\n1. <a id=\"a\"></a>Do the thing.\n"),
        guide("## <a id=\"s\"></a>Stage\n\n↓1. <a id=\"aux.txt\"></a>Do the thing.\n"),
        guide("## <a id=\"s\"></a>Stage\n\n↓1. <a id=\"a.\"></a>Do the thing.\n"),
      ],
      nonTriggering: [guide(validStage), guide("## <a id=\"s\"></a>Stage\n\n1. <a id=\"console\"></a>Do it.\n")]),
    entry(
      GuideRules.derivedID, .note, "A stage or step has no explicit id.",
      "Derived ids change when headings or step order change; add <a id=\"…\"></a>.",
      triggering: [guide("↓## Stage\n\n↓1. Do it.\n")], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.unknownLinkTarget, .error, "A #link points to an id that does not exist.",
      "Link to an existing stage, step or section id.",
      triggering: [guide(validStage + "\n2. <a id=\"b\"></a>Then.\n\n   **Requires:** ↓[the thing](#nope)\n")],
      nonTriggering: [guide(validStage + "\n2. <a id=\"b\"></a>Then.\n\n   **Requires:** [the thing](#a)\n")]),
    entry(
      GuideRules.requiresCycle, .error, "Steps require each other in a cycle.",
      "Remove one **Requires:** link so one step can be done first.",
      triggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Requires:** ↓[b](#b)\n\n2. <a id=\"b\"></a>B.\n\n   **Requires:** [a](#a)\n"
        )
      ],
      nonTriggering: [
        guide("## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n2. <a id=\"b\"></a>B.\n\n   **Requires:** [a](#a)\n")
      ]),
    entry(
      GuideRules.consumedBeforeProduced, .error,
      "A credential is consumed before (or without) a step that produces it.",
      "Produce a credential in an earlier step than the one that consumes it.",
      triggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"use\"></a>Use.\n\n   **Consumes:** `↓k`\n\n2. <a id=\"get\"></a>Get.\n\n   **Produces:** `k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n```\n"
        )
      ],
      nonTriggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"get\"></a>Get.\n\n   **Produces:** `k`\n\n2. <a id=\"use\"></a>Use.\n\n   **Consumes:** `k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n```\n"
        )
      ]),
    entry(
      GuideRules.producedTwice, .warning, "Two steps produce the same credential.",
      "Keep **Produces:** on the step where the value first appears.",
      triggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `k`\n\n2. <a id=\"b\"></a>B.\n\n   **Produces:** `↓k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n```\n"
        )
      ],
      nonTriggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n```\n"
        )
      ]),
    entry(
      GuideRules.producedByMismatch, .warning, "A spec's produced-by names a step that does not produce it.",
      "Make `produced-by` name the step whose **Produces:** lists the credential, or drop the field.",
      triggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `k`\n\n## Credentials\n\n```yaml credentials\n↓k:\n  title: K\n  produced-by: b\n```\n"
        )
      ],
      nonTriggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n  produced-by: a\n```\n"
        )
      ]),
    entry(
      GuideRules.unspecifiedCredential, .error, "A credential named in Produces or Consumes has no spec.",
      "Add the key to the `yaml credentials` block, or fix its name.",
      triggering: [guide("## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `↓k`\n")],
      nonTriggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"a\"></a>A.\n\n   **Produces:** `k`\n\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n```\n"
        )
      ]),
    entry(
      GuideRules.neverProduced, .warning, "A specified credential is produced by no step.",
      "Say which step yields it with **Produces:**, or mark the spec deprecated.",
      triggering: [guide(validStage + "\n## Credentials\n\n```yaml credentials\n↓k:\n  title: K\n```\n")],
      nonTriggering: [
        guide(
          validStage + "\n## Credentials\n\n```yaml credentials\nk:\n  title: K\n  deprecated: no longer used\n```\n")
      ]),
    entry(
      GuideRules.malformedCredentials, .error, "The credentials block is not a valid mapping of specs.",
      "Write `key:` lines with indented spec fields; patterns must be valid regular expressions.",
      triggering: [
        guide(validStage + "\n## Credentials\n\n```yaml credentials\nk: [unclosed\n↓```\n"),
        guide(validStage + "\n## Credentials\n\n```yaml credentials\nk:\n  pattern: ↓'(['\n```\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n## Credentials\n\n```yaml credentials\nk:\n  pattern: '^x$'\n  deprecated: true\n```\n")
      ]),
    entry(
      GuideRules.unknownCredentialField, .warning, "A credential spec has a field onboard does not know.",
      "Known fields: title, env, required, secret, pattern, example, mistakes, deprecated, produced-by, aliases, max-length, min-length, public-prefix, description.",
      triggering: [
        guide(validStage + "\n## Credentials\n\n```yaml credentials\nk:\n  ↓patern: '^x$'\n  deprecated: true\n```\n")
      ],
      nonTriggering: [
        guide(validStage + "\n## Credentials\n\n```yaml credentials\nk:\n  pattern: '^x$'\n  deprecated: true\n```\n")
      ]),
    entry(
      GuideRules.missingScreenshot, .warning, "A screenshot file cannot be found.",
      "Put the file beside the guide at its path, or pass --screenshots DIR.",
      triggering: [guide(validStage + "\n\n   ↓![Overview](images/does-not-exist.png)\n")],
      nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.screenshotOutside, .error,
      "A screenshot path leads outside the guide's folder and the --screenshots folders.",
      "Keep screenshots beside the guide (images/…) or in a folder passed with --screenshots; such a path is never read.",
      triggering: [
        guide(validStage + "\n\n   ↓![Passwords](../../../../../../etc/passwd)\n"),
        guide(validStage + "\n\n   ↓![Shadow](/etc/shadow)\n"),
        guide(validStage + "\n\n   ↓![Environment](/proc/self/environ)\n"),
        guide(validStage + "\n\n   **Screenshot:** ↓[Up](images/../../outside.png)\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n\n   ![Overview](images/App_Overview.png)\n"),
        guide(validStage + "\n\n   ![Overview](images/../App_Overview.png)\n"),
      ]),
    entry(
      GuideRules.imageWithoutAlt, .warning, "An image has no alt text.", "Describe the screen between the brackets.",
      triggering: [
        guide(validStage + "\n\n   ↓![](images/x.png)\n"),
        guide(validStage + "\n\n   **Screenshot:** ↓[](images/x.png)\n"),
      ],
      nonTriggering: [guide(validStage + "\n\n   ![Overview](images/x.png)\n")]),
    entry(
      GuideRules.unusedScreenshot, .warning, "A screenshot illustrates no step.",
      "Use it in the step it shows, as an image or a **Screenshot:** link.",
      triggering: [guide(validStage + "\n## Gallery\n\n↓![Lonely](images/lonely.png)\n")],
      nonTriggering: [guide(validStage + "\n\n   ![Used](images/used.png)\n\n## Gallery\n\n![Used](images/used.png)\n")]
    ),
    entry(
      GuideRules.unknownAttribute, .warning,
      "A bold label looks like a misspelt attribute, or an attribute is out of place.",
      "Known labels: Requires, Produces, Consumes, Check, Screenshot, When, Who, Duration.",
      triggering: [
        guide(validStage + "\n\n   ↓**Produce:** `k`\n"),
        guide("## <a id=\"s\"></a>Stage\n\n↓**Check:** it works.\n\n1. <a id=\"a\"></a>Do the thing.\n"),
      ],
      nonTriggering: [guide(validStage + "\n\n   **Important:** read this.\n")]),
    entry(
      GuideRules.emptyAttribute, .warning, "An attribute has no value.", "Give the attribute its value, or remove it.",
      triggering: [
        guide(validStage + "\n\n   ↓**Check:**\n"),
        guide(validStage + "\n\n   ↓**Produces:** ,\n"),
        guide(validStage + "\n\n   ↓**Screenshot:** the overview page\n"),
      ],
      nonTriggering: [guide(validStage + "\n\n   **Check:** it works.\n")]),
    entry(
      GuideRules.malformedCondition, .error, "A condition cannot be parsed.",
      "Use ==, !=, in [...], and, or, not, and parentheses: marketplace in [UK, DE] and not region == \"fe\".",
      triggering: [
        guide(validStage + "\n\n   **When:** marketplace ↓in UK\n", frontMatter: "variables:\n  marketplace: code\n"),
        guide(
          validStage + "\n\n   <!-- when: marketplace ↓in UK -->\n\n   Only there.\n\n   <!-- end -->\n",
          frontMatter: "variables:\n  marketplace: code\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n\n   **When:** marketplace in [UK]\n", frontMatter: "variables:\n  marketplace: code\n")
      ]),
    entry(
      GuideRules.unclosedCondition, .error, "A <!-- when: --> region is not closed, or an <!-- end --> closes nothing.",
      "Close each <!-- when: … --> with <!-- end --> inside the same step or stage.",
      triggering: [
        guide(validStage + "\n\n   ↓<!-- when: id == \"x\" -->\n\n   Only for x.\n"),
        guide(validStage + "\n\n   Always.\n\n   ↓<!-- end -->\n"),
      ],
      nonTriggering: [guide(validStage + "\n\n   <!-- when: id == \"x\" -->\n\n   Only for x.\n\n   <!-- end -->\n")]),
    entry(
      GuideRules.unknownVariable, .error, "A {{variable}} or condition names a variable the recipient cannot have.",
      "Use a standard roster field, a data-table column, or declare the variable in the front matter.",
      triggering: [
        guide(validStage + "\n\n   Open ↓{{sellr_url}}.\n"),
        guide(validStage + "\n\n   **When:** ↓credential_sorce == \"env\"\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n\n   Hello {{name}}, your account is {{account}}.\n"),
        guide(validStage + "\n\n   **When:** credential_source == \"env\"\n"),
      ]),
    entry(
      GuideRules.unknownConditionValue, .error,
      "A condition compares a variable with a value it cannot hold.",
      "Use one of the variable's values: its front matter `values:`, the data table's keys for the data key, or file, env and code for credential_source.",
      triggering: [
        guide(validStage + "\n\n   **When:** credential_source == ↓\"enviroment\"\n"),
        guide(
          validStage + "\n\n   **When:** tier in [basic, ↓premium]\n",
          frontMatter: "variables:\n  tier:\n    values: [basic, pro]\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n\n   **When:** credential_source == \"env\"\n"),
        guide(
          validStage + "\n\n   **When:** tier in [basic, PRO]\n",
          frontMatter: "variables:\n  tier:\n    values: [basic, pro]\n"),
        guide(validStage + "\n\n   **When:** tier == \"anything\"\n", frontMatter: "variables:\n  tier: any plan\n"),
      ]),
    entry(
      GuideRules.uncoveredAlternative, .warning,
      "Neighbouring steps are alternatives for one variable but leave out one of its values.",
      "Add a step for the value, or widen a step's condition, so every recipient gets one of the alternatives.",
      triggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n↓1. <a id=\"f\"></a>File.\n\n   **When:** credential_source == \"file\"\n\n2. <a id=\"e\"></a>Env.\n\n   **When:** credential_source == \"env\"\n"
        )
      ],
      nonTriggering: [
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"f\"></a>File.\n\n   **When:** credential_source == \"file\"\n\n2. <a id=\"e\"></a>Env or code.\n\n   **When:** credential_source in [env, code]\n"
        ),
        guide(
          "## <a id=\"s\"></a>S\n\n1. <a id=\"f\"></a>File.\n\n   **When:** credential_source == \"file\"\n\n2. <a id=\"a\"></a>All.\n"
        ),
      ]),
    entry(
      GuideRules.unknownRunLanguage, .error, "A code block is marked run in a language onboard walk cannot run.",
      "Write it as a ```sh run or ```python run block, or remove the word run.",
      triggering: [
        guide(validStage + "\n\n   ↓```ruby run\n   puts 1\n   ```\n"),
        guide(validStage + "\n\n   ↓~~~bash run\n   true\n   ~~~\n"),
      ],
      nonTriggering: [
        guide(validStage + "\n\n   ```sh run\n   true\n   ```\n"),
        guide(validStage + "\n\n   ```python run\n   print(1)\n   ```\n"),
        guide(validStage + "\n\n   ```ruby\n   puts 1\n   ```\n"),
      ]),
    entry(
      GuideRules.sectionWithoutSteps, .warning, "A section has an explicit id or stage attributes but no steps.",
      "Add steps to make it a stage, or drop the id or attribute.",
      triggering: [
        guide(validStage + "\n↓## <a id=\"later\"></a>Later\n\nNothing to do.\n"),
        guide(validStage + "\n## Later\n\n↓**Who:** the owner\n\nNothing to do.\n"),
      ],
      nonTriggering: [guide(validStage + "\n## Background\n\nNothing to do.\n")]),
    entry(
      GuideRules.dataTable, .error, "The data table named in the front matter is missing or malformed.",
      "Put a YAML mapping of key to columns beside the guide and name it in `data:`.",
      triggering: [guide(validStage, frontMatter: "data: ↓no-such-table.yml\ndata-key: marketplace\n")],
      nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.templatePathOutside, .error, "A template set named in the front matter leads out of templates/.",
      "Name a folder inside templates/ in `templates:`, or pass --templates DIR; such a set is never loaded.",
      triggering: [
        guide(validStage, frontMatter: "templates: [↓'../../../../../tmp/x/templates/sp-api']\n"),
        guide(validStage, frontMatter: "templates: ↓/etc\n"),
        guide(validStage, frontMatter: "templates:\n  - ↓sp-api/../../elsewhere\n"),
      ],
      nonTriggering: [
        guide(validStage, frontMatter: "templates: [sp-api]\n"),
        guide(validStage, frontMatter: "templates: [no-such-set]\n"),
      ]),
    entry(
      GuideRules.dataPathOutside, .error, "A data table named in the front matter leads out of the guide's folder.",
      "Put the data table inside the guide's folder and name it by that path; such a file is never read.",
      triggering: [
        guide(validStage, frontMatter: "data: ↓../../../../../etc/passwd\ndata-key: marketplace\n"),
        guide(validStage, frontMatter: "data: ↓/etc/passwd\ndata-key: marketplace\n"),
      ],
      nonTriggering: [
        guide(validStage, frontMatter: "data: tables/marketplaces.yml\ndata-key: marketplace\n"),
        guide(validStage),
      ]),
    entry(
      GuideRules.notUTF8, .error, "The guide is not valid UTF-8.", "Save the file as UTF-8.",
      triggering: [], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.binary, .error, "The file is binary, not Markdown.", "Point onboard at the guide's .md file.",
      triggering: ["PNG↓\u{0}\u{0}\u{1}"], nonTriggering: [guide(validStage)]),
    entry(
      GuideRules.io, .error, "The guide cannot be read.", "Check the path and permissions.",
      triggering: [], nonTriggering: []),
  ]
}
