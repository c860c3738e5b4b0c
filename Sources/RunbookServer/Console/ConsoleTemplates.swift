/// The console's Mustache templates, by name; `{{value}}` is escaped, `{{{html}}}` only for rendered Markdown.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "message": message, "sign-in": signIn, "incidents": incidents,
        "incident-rows": incidentRows, "incident": incident, "runbooks": runbooks, "document": document,
        "coverage": coverage, "deliveries": deliveries, "ack-link": acknowledgeLink,
    ]

    static let acknowledgeLink = """
        <h1>Acknowledge incident #{{id}}?</h1>
        <p><strong>{{title}}</strong></p>
        <p>Key: <code>{{key}}</code>{{#severity}} · severity {{severity}}{{/severity}}</p>
        <form method="post" action="/incidents/{{id}}/ack-link">
        <input type="hidden" name="expires" value="{{expires}}">
        <input type="hidden" name="signature" value="{{signature}}">
        <button type="submit">Acknowledge</button>
        </form>
        <p>The timeline will say it was acknowledged by the link in a message. <a href="/incidents/{{id}}">Sign in and
        open the incident</a> to note what you do.</p>
        """

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Runbook</title>
        <link rel="stylesheet" href="/console/style.css">
        <script src="/console/console.js" defer></script>
        </head>
        <body>
        <header class="top">
        <strong>Runbook</strong>
        {{#session}}
        <nav aria-label="Main">
        <a href="/incidents">Incidents</a><a href="/runbooks">Runbooks</a><a href="/coverage">Coverage</a>
        {{#operator}}<a href="/deliveries">Deliveries</a>{{/operator}}
        </nav>
        <span class="who">{{name}} ({{role}})</span>
        <form class="inline" method="post" action="/sign-out">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        {{/session}}
        </header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let message = """
        <h1>{{heading}}</h1>
        <p>{{detail}}</p>
        <p><a href="/incidents">Back to the incidents</a></p>
        """

    static let signIn = """
        <h1>Sign in</h1>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <h2>With a user name</h2>
        <label for="name">User name</label>
        <input id="name" name="name" autocomplete="username">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password">
        <h2>Or with an API token</h2>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off">
        <p><button type="submit">Sign in</button></p>
        </form>
        """

    static let incidents = """
        <h1>Incidents</h1>
        <form class="filters" method="get" action="/incidents">
        <div><label for="state">State</label>
        <select id="state" name="state">
        {{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}
        </select></div>
        <div><label for="source">Source</label>
        <select id="source" name="source">
        {{#sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sources}}
        </select></div>
        <div><label for="entry">Entry id</label>
        <input id="entry" name="entry" value="{{entry}}"></div>
        <div><label for="labels">Labels</label>
        <input id="labels" name="labels" value="{{labels}}" placeholder="service=checkout, env=prod"></div>
        <div><button type="submit">Filter</button></div>
        </form>
        <figure>{{{chart}}}<figcaption class="muted">Incidents opened per hour, last 24 hours</figcaption></figure>
        <div class="table-wrap">
        <table>
        <caption class="muted">Open incidents first, then the most recent. The list refreshes itself.</caption>
        <thead><tr><th scope="col">#</th><th scope="col">State</th><th scope="col">Key</th>
        <th scope="col">Source</th><th scope="col">Severity</th><th scope="col">Entry</th>
        <th scope="col">Alerts</th><th scope="col">Age</th></tr></thead>
        <tbody id="incident-rows">
        {{> incident-rows}}
        </tbody>
        </table>
        </div>
        {{#next}}<p><a href="{{next}}">Older incidents</a></p>{{/next}}
        """

    static let incidentRows = """
        {{#incidents}}
        <tr><td><a href="/incidents/{{id}}">{{id}}</a></td>
        <td class="state-{{state}}">{{state}}</td>
        <td><a href="/incidents/{{id}}">{{key}}</a></td>
        <td>{{source}}</td><td>{{severity}}</td>
        <td>{{#entry}}{{entry}} <span class="muted">({{confidence}})</span>{{/entry}}{{^entry}}none{{/entry}}</td>
        <td>{{alerts}}</td><td>{{age}}</td></tr>
        {{/incidents}}
        {{^incidents}}<tr><td colspan="8">No incident matches these filters.</td></tr>{{/incidents}}
        """

    static let incident = """
        <h1>Incident {{id}}: {{key}}</h1>
        <p><span class="state-{{state}}">{{state}}</span> · {{source}}
        {{#severity}} · severity {{severity}}{{/severity}}
        · opened {{opened}} · {{alertCount}} alert(s), {{firingCount}} firing</p>
        <p>{{title}}</p>
        {{#acknowledgedBy}}<p class="muted">Acknowledged by {{acknowledgedBy}}</p>{{/acknowledgedBy}}
        {{#resolvedBy}}<p class="muted">Resolved by {{resolvedBy}}</p>{{/resolvedBy}}
        {{#canAct}}
        <section aria-labelledby="actions"><h2 id="actions">Actions</h2>
        {{#open}}
        <form class="inline" method="post" action="/incidents/{{id}}/acknowledge">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Acknowledge</button></form>
        <form class="inline" method="post" action="/incidents/{{id}}/resolve">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Resolve</button></form>
        {{/open}}
        {{^open}}
        <form class="inline" method="post" action="/incidents/{{id}}/reopen">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Reopen</button></form>
        {{/open}}
        </section>
        {{/canAct}}
        <section aria-labelledby="runbook"><h2 id="runbook">Runbook entry</h2>
        {{#entry}}
        <div class="entry">
        <h3><a href="{{link}}">{{title}}</a></h3>
        <p class="muted">Confidence {{confidence}} · <a href="{{link}}">{{file}} line {{line}}</a></p>
        {{#hasUnfilled}}<p>Unfilled placeholders (no label for them):
        {{#unfilled}}<mark class="unfilled">{{.}}</mark> {{/unfilled}}</p>{{/hasUnfilled}}
        {{{introduction}}}
        {{#parts}}<h4>{{title}}</h4>
        {{{html}}}
        {{/parts}}
        {{#hasEvidence}}<h4>Why this entry</h4>
        <ul>{{#evidence}}<li>{{.}}</li>{{/evidence}}</ul>{{/hasEvidence}}
        </div>
        {{/entry}}
        {{^entry}}
        <p>No entry answers this incident with confidence.</p>
        {{#stub}}<h3>Markdown stub</h3>
        <p>Paste it into a runbook and fill it in:</p>
        <div class="command"><pre><code>{{stub}}</code></pre></div>{{/stub}}
        {{/entry}}
        <h3>Other candidates</h3>
        <ul>
        {{#candidates}}<li><a href="{{link}}">{{title}}</a>
        <span class="muted">{{entry}} · {{score}}</span></li>{{/candidates}}
        {{^candidates}}<li>None.</li>{{/candidates}}
        </ul>
        </section>
        {{#canAct}}
        <section aria-labelledby="notes"><h2 id="notes">Note and entry</h2>
        <form method="post" action="/incidents/{{id}}/note">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="note-text">Note</label>
        <textarea id="note-text" name="text" rows="2" cols="60" required></textarea>
        <p><button type="submit">Add note</button></p>
        </form>
        <form method="post" action="/incidents/{{id}}/entry">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="entry-choice">The entry that answers this incident</label>
        <select id="entry-choice" name="entry">
        {{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}
        <option value="">None fits</option>
        </select>
        <label for="entry-other">Or another entry id</label>
        <input id="entry-other" name="other" placeholder="file.md#anchor">
        <p><button type="submit">Save the entry</button></p>
        </form>
        </section>
        {{/canAct}}
        <section aria-labelledby="alerts"><h2 id="alerts">Alerts</h2>
        {{#alerts}}
        <h3>{{title}}</h3>
        <p class="muted">{{status}} · fired {{fireCount}} time(s), last {{lastSeen}}</p>
        <div class="table-wrap"><table>
        <caption>Labels and annotations</caption>
        <tbody>
        {{#labels}}<tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>{{/labels}}
        {{#annotations}}<tr><th scope="row">{{name}} (annotation)</th><td>{{value}}</td></tr>{{/annotations}}
        </tbody></table></div>
        {{/alerts}}
        </section>
        <section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
        <ol>
        {{#timeline}}<li><time>{{at}}</time>
        · {{kind}}{{#actor}} by {{actor}}{{/actor}}{{#detail}}: {{detail}}{{/detail}}</li>{{/timeline}}
        </ol>
        </section>
        """

    static let runbooks = """
        <h1>Runbooks</h1>
        <form method="get" action="/runbooks">
        <label for="q">Search every entry</label>
        <input id="q" name="q" value="{{query}}" type="search">
        <button type="submit">Search</button>
        </form>
        {{#searched}}
        <h2>Results</h2>
        <ul>{{#results}}<li><a href="{{link}}">{{title}}</a> <span class="muted">{{entry}}</span></li>{{/results}}
        {{^results}}<li>No entry matches.</li>{{/results}}</ul>
        {{/searched}}
        <h2>Library</h2>
        {{^documents}}<p>The library is not loaded or holds no document.</p>{{/documents}}
        <ul class="tree">
        {{#documents}}<li><a href="{{link}}">{{file}}</a>
        <ul class="tree">{{#entries}}<li class="depth-{{depth}}"><a href="{{link}}">{{title}}</a></li>{{/entries}}</ul>
        </li>{{/documents}}
        </ul>
        """

    static let document = """
        <h1>{{file}}</h1>
        <p class="muted">Revision {{revision}} · {{findingCount}} lint finding(s)</p>
        <nav aria-label="Contents"><h2>Contents</h2>
        <ul class="tree">{{#toc}}<li class="depth-{{level}}"><a href="#{{anchor}}">{{text}}</a></li>{{/toc}}</ul>
        </nav>
        <article>
        {{{html}}}
        </article>
        """

    static let coverage = """
        <h1>Coverage</h1>
        <figure>{{{chart}}}<figcaption class="muted">Incidents per day over 30 days: green with a confident entry,
        red without one</figcaption></figure>
        <p>Alert keys that fired with no entry at or above confidence {{threshold}}, most frequent first.</p>
        {{^items}}<p>Every alert that fired had an entry.</p>{{/items}}
        {{#items}}
        <section><h2>{{key}}</h2>
        <p class="muted">{{source}} · fired {{count}} time(s) · last {{lastSeen}}</p>
        <div class="command"><pre><code>{{stub}}</code></pre></div>
        </section>
        {{/items}}
        """

    static let deliveries = """
        <h1>Deliveries</h1>
        <p>Notifications waiting to be sent, and those given up after their last try.</p>
        {{^deliveries}}<p>No pending or dead delivery.</p>{{/deliveries}}
        {{#deliveries}}
        <section><h2>Delivery {{id}}: {{channel}}</h2>
        <p>{{state}} · incident <a href="/incidents/{{incident}}">{{incident}}</a> · {{attempts}} tries
        {{#lastError}}· last error: <span class="error">{{lastError}}</span>{{/lastError}}</p>
        {{#hasTries}}<ol>{{#tries}}<li>{{at}} · {{outcome}}</li>{{/tries}}</ol>{{/hasTries}}
        {{#dead}}<form method="post" action="/deliveries/{{id}}/retry">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Retry</button></form>{{/dead}}
        </section>
        {{/deliveries}}
        """
}
