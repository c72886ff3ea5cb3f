// GuideKit
