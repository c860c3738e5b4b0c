/// Names of HTML elements, to tell a real tag (`<br>`, `<details>`) from a placeholder (`<ENVIRONMENT>`).
enum HTMLTags {
    /// Every element name a runbook may use inline or as a block, lowercased.
    static let known: Set<String> = [
        "a", "abbr", "address", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br",
        "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "dialog",
        "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form",
        "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe",
        "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "mark", "menu", "meta", "nav",
        "noscript", "object", "ol", "optgroup", "option", "p", "param", "picture", "pre", "q", "s", "samp",
        "script", "section", "select", "small", "source", "span", "strike", "strong", "style", "sub", "summary",
        "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
        "track", "tt", "u", "ul", "var", "video", "wbr", "svg", "path", "g",
    ]

    /// Element names that open a CommonMark HTML block of type 6 (ended by a blank line).
    static let block: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup",
        "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul",
    ]

    /// Element names whose HTML block (type 1) runs until the matching closing tag.
    static let raw: Set<String> = ["pre", "script", "style", "textarea"]
}
