import Hummingbird
import NIOCore

/// The console's stylesheet and script, served from `/console/`.
///
/// The script is comfort only: it polls the incident list and adds copy buttons to commands. Every action is a
/// plain form that works without it.
enum ConsoleAssets {
    static func response(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "\(type); charset=utf-8", .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let stylesheet = """
        :root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --line: #d0d0d0; --accent: #0b57a4;
          --bad: #a4160b; --warn: #7a4d00; --ok: #1d6b2b; --mark: #ffe08a; --focus: #c05600; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
        header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .5rem 1rem;
          border-bottom: 1px solid var(--line); }
        header.top nav a { margin-right: 1rem; }
        header.top .who { margin-left: auto; color: var(--muted); }
        main { padding: 1rem; max-width: 72rem; overflow-wrap: anywhere; }
        input, select, textarea, pre, table { max-width: 100%; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid var(--focus); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .table-wrap { overflow-x: auto; }
        .state-triggered { color: var(--bad); font-weight: 600; }
        .state-acknowledged { color: var(--warn); font-weight: 600; }
        .state-resolved { color: var(--ok); }
        .command { position: relative; }
        pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; border: 1px solid var(--line); }
        mark.unfilled { background: var(--mark); outline: 1px dashed var(--warn); }
        .copy { position: absolute; top: .3rem; right: .3rem; }
        .command pre { padding-right: 4.5rem; }
        form.inline { display: inline-block; margin: 0 .5rem .5rem 0; }
        label { display: block; font-weight: 600; margin-top: .5rem; }
        input, select, textarea, button { font: inherit; padding: .3rem .5rem; }
        button { cursor: pointer; }
        .filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
        .filters label { margin: 0; }
        aside.finding { border-left: 4px solid var(--warn); padding: .2rem .6rem; background: #fff7e6; }
        .muted { color: var(--muted); }
        .error { color: var(--bad); }
        .entry { border: 1px solid var(--line); padding: 0 1rem 1rem; }
        ul.tree { list-style: none; padding-left: 1rem; }
        .depth-1 { margin-left: 1rem; } .depth-2 { margin-left: 2rem; } .depth-3 { margin-left: 3rem; }
        .depth-4, .depth-5, .depth-6 { margin-left: 4rem; }
        figure { margin: 1rem 0; }
        svg.chart { width: 100%; max-width: 40rem; height: 8rem; border: 1px solid var(--line); }
        @media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .2rem; } }
        """

    static let script = """
        (function () {
          "use strict";
          document.querySelectorAll(".command pre").forEach(function (pre) {
            if (!navigator.clipboard) { return; }
            var button = document.createElement("button");
            button.type = "button";
            button.className = "copy";
            button.textContent = "Copy";
            button.addEventListener("click", function () {
              navigator.clipboard.writeText(pre.textContent).then(function () { button.textContent = "Copied"; });
            });
            pre.parentNode.appendChild(button);
          });
          var rows = document.getElementById("incident-rows");
          if (rows) {
            var refresh = function () {
              var url = new URL(window.location.href);
              url.searchParams.set("fragment", "rows");
              fetch(url.toString(), { credentials: "same-origin" }).then(function (answer) {
                // A redirect means the session ended: keep the rows rather than show the sign-in page in them.
                if (answer.ok && !answer.redirected) { return answer.text(); }
                throw new Error("refresh failed");
              }).then(function (html) { rows.innerHTML = html; }).catch(function () {});
            };
            window.setInterval(refresh, 3000);
          }
        })();
        """
}
