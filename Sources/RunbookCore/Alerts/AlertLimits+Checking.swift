import Foundation

extension AlertLimits {
    /// Throws when `count` alerts are more than one request may carry; `field` is the array's path.
    func checkAlertCount(_ count: Int, field: String) throws(AlertDecodingError) {
        try check(.alertsPerRequest, count, field: field, what: "alerts")
    }

    /// Checks one alert's labels and annotations, named by `field` (`alerts[3]`), and returns their size in bytes.
    func checkAlert(
        labels: [String: String], annotations: [String: String], field: String
    ) throws(AlertDecodingError) -> Int {
        try checkLabels(labels, field: join(field, "labels"))
            + checkAnnotations(annotations, field: join(field, "annotations"))
    }

    /// Checks a label set at `field` (`alerts[3].labels`, `commonLabels`); returns its size in bytes.
    ///
    /// Over a size limit, the error names the first label in name order that is over, the same one on every run (a
    /// dictionary's order changes from one instance to the next).
    func checkLabels(_ labels: [String: String], field: String) throws(AlertDecodingError) -> Int {
        try check(.labelsPerAlert, labels.count, field: field, what: "labels")
        if let bytes = labelBytesWithin(labels) { return bytes }
        var bytes = 0
        for (name, value) in labels.sorted(by: { $0.key < $1.key }) {
            try check(.labelNameBytes, name.utf8.count, field: field, what: "bytes in a label name")
            try check(.labelValueBytes, value.utf8.count, field: "\(field).\(Self.shown(name))",
                      what: "bytes in a label value")
            bytes += name.utf8.count + value.utf8.count
        }
        return bytes
    }

    /// Checks annotations at `field`; returns their size in bytes.
    func checkAnnotations(_ annotations: [String: String], field: String) throws(AlertDecodingError) -> Int {
        let bytes = Self.byteCount(annotations)
        try check(.annotationBytes, bytes, field: field, what: "bytes of annotations")
        return bytes
    }

    /// Checks the decoded alerts of one request; every decoder's output passes through here.
    func check(_ alerts: [Alert], field: String = "") throws(AlertDecodingError) {
        try checkAlertCount(alerts.count, field: field)
        var total = 0
        for (index, alert) in alerts.enumerated() {
            let path = alerts.count == 1 ? field : "\(field)[\(index)]"
            total += try checkAlert(labels: alert.labels, annotations: alert.annotations, field: path)
            try checkRequestBytes(total, field: path)
        }
    }

    /// Throws when `bytes` of labels and annotations, counted so far, are more than one request may store.
    func checkRequestBytes(_ bytes: Int, field: String) throws(AlertDecodingError) {
        try check(.requestAlertBytes, bytes, field: field.isEmpty ? "body" : field,
                  what: "bytes of labels and annotations in the request")
    }

    /// The size in bytes of a label set that passes every check of `checkLabels`, else nil; builds no error text.
    func labelBytesWithin(_ labels: [String: String]) -> Int? {
        guard labels.count <= labelsPerAlert else { return nil }
        var bytes = 0
        for (name, value) in labels {
            let nameBytes = name.utf8.count
            let valueBytes = value.utf8.count
            guard nameBytes <= labelNameBytes, valueBytes <= labelValueBytes else { return nil }
            bytes += nameBytes + valueBytes
        }
        return bytes
    }

    /// The size in bytes of annotations that pass `checkAnnotations`, else nil.
    func annotationBytesWithin(_ annotations: [String: String]) -> Int? {
        let bytes = Self.byteCount(annotations)
        return bytes <= annotationBytes ? bytes : nil
    }

    /// The bytes of annotations' names and values, as the annotation limit counts them.
    private static func byteCount(_ annotations: [String: String]) -> Int {
        annotations.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
    }

    func check(_ kind: Kind, _ found: Int, field: String, what: String) throws(AlertDecodingError) {
        let limit = value(of: kind)
        guard found <= limit else {
            throw .overLimit(field: field, kind: kind, limit: limit, found: found, what: what)
        }
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A label name as a path shows it: cut short, so an error never echoes a huge name.
    private static func shown(_ name: String) -> String {
        name.utf8.count > 64 ? String(name.prefix(60)) + "…" : name
    }
}
