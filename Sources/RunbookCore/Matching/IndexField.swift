/// The fields of an entry the matcher indexes, with how much a hit in each counts.
///
/// Title-like fields (the entry's headings, the document's name for a top-level entry) weigh most; the
/// ancestors' titles give a generically named child (`Possible checks`) the meaning of its parent; the
/// entry's own text is the ordinary full-text field; the text of its child entries lets a parent borrow
/// from what it contains. The title of the top entry of a long document is an overview: it names
/// the document every section belongs to, so it weighs less than a section's own heading, and a section
/// that answers the alert in its own words ranks above it.
enum IndexField: Int, CaseIterable, Sendable {
    case title
    case document
    case path
    case text
    case children
    case overview

    /// Multiplier of a hit in this field.
    var weight: Double {
        switch self {
        case .title: 4.0
        case .document: 3.0
        case .path: 1.2
        case .text: 1.0
        case .children: 0.3
        case .overview: 2.0
        }
    }

    /// BM25 length normalisation: short, fixed-size fields barely normalise.
    var lengthNormalisation: Double {
        switch self {
        case .title, .document, .path, .overview: 0.3
        case .text, .children: 0.75
        }
    }

    /// Whether the field names the entry (label values are matched against these only).
    var isHead: Bool {
        self == .title || self == .document || self == .path || self == .overview
    }

    /// The field's name in evidence.
    var name: String {
        switch self {
        case .title: "title"
        case .document: "document"
        case .path: "path"
        case .text: "text"
        case .children: "children"
        case .overview: "overview"
        }
    }

    var bit: UInt8 { 1 << UInt8(rawValue) }
}
