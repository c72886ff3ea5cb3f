import OnboardSupport

// The byte-scanning helpers live in `UTF8Scan` (OnboardSupport). These two names remain only
// for SentinelSplice.swift, PreparedText.swift and MarkdownFiller.swift, which another change
// of issue 15 is reworking at the same time; remove them once those files say `UTF8Scan`.

/// `UTF8Scan`, by the name the placeholder scanners used.
typealias TextScan = UTF8Scan
/// `UTF8Scan`, by the name the escapers used.
typealias EscapeSupport = UTF8Scan
