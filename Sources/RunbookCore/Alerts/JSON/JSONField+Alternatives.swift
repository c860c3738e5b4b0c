import Foundation

extension JSONField {
    /// The first of `fields` that is present, read as a scalar; every field present is type-checked in turn.
    static func firstScalar(_ fields: JSONField...) throws(AlertDecodingError) -> String? {
        for field in fields {
            if let value = try field.scalar() { return value }
        }
        return nil
    }

    /// The first of `fields` that is present, read as a string.
    static func firstString(_ fields: JSONField...) throws(AlertDecodingError) -> String? {
        for field in fields {
            if let value = try field.string() { return value }
        }
        return nil
    }

    /// The first of `fields` that is present, read as a time.
    static func firstDate(_ fields: JSONField...) throws(AlertDecodingError) -> Date? {
        for field in fields {
            if let value = try field.date() { return value }
        }
        return nil
    }
}
