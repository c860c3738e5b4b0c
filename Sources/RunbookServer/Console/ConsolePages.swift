import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Renders console pages from the Mustache templates in ``ConsoleTemplates`` inside one layout.
///
/// Templates escape every `{{value}}`; only HTML that ``RunbookCore/MarkdownHTML`` produced (escaped itself) goes
/// through `{{{triple}}}` braces.
struct ConsolePages: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            // The templates are constants of this module; a parse error is a bug caught by every console test.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    /// A whole page: `template` rendered with `values`, inside the layout with its title and navigation.
    func render(
        _ template: String, title: String, session: ConsoleSessions.Session?, values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let body = library.render(Self.compact(values), withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body]
        if let session {
            layout["session"] = [
                "name": session.name, "role": session.role.rawValue, "csrf": session.csrf,
                "operator": session.role >= .operator,
            ] as [String: Any]
        }
        return Self.html(library.render(layout, withTemplate: "layout") ?? "", status: status)
    }

    /// A page that says what went wrong and what to do.
    func message(
        _ heading: String, detail: String, session: ConsoleSessions.Session?, status: HTTPResponse.Status
    ) -> Response {
        render("message", title: heading, session: session, values: ["heading": heading, "detail": detail],
               status: status)
    }

    /// A rendered fragment without the layout (the incident rows the list page polls for).
    func fragment(_ template: String, values: [String: Any]) -> Response {
        Self.html(library.render(Self.compact(values), withTemplate: template) ?? "", status: .ok)
    }

    /// `values` without empty strings, at every depth: Mustache counts "" as true, so `{{#severity}}` would show
    /// a section for an incident with no severity.
    static func compact(_ values: Any) -> Any {
        switch values {
        case let dictionary as [String: Any]:
            return dictionary.compactMapValues { value -> Any? in
                if let text = value as? String, text.isEmpty { return nil }
                return compact(value)
            }
        case let array as [[String: Any]]:
            return array.map { compact($0) }
        default:
            return values
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `303 See Other` to `location`: the answer to every form post, so that reloading never posts twice.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
