/// The files only `portal serve` adds under `/_portal/`: never part of Public/, never in a published page.
///
/// Each served HTML page gets one `<script src="/_portal/reload.js?build=N">`
/// tag. The script polls `/_portal/status.js` by adding a script element, not
/// with fetch, so it works under the site's Content-Security-Policy
/// (`script-src 'self'`), reloads the page when the build number changes, and
/// shows a failed build's errors over the last good page.
enum ServeAssets {
    static let prefix = "/_portal/"

    static let reloadScript = #"""
        (function () {
          "use strict";
          var self = document.currentScript;
          var match = /[?&]build=(\d+)/.exec(self ? self.src : "");
          var shown = match ? Number(match[1]) : null;
          var panel = null;

          function showErrors(errors) {
            if (!errors.length) {
              if (panel) { panel.remove(); panel = null; }
              return;
            }
            if (!panel) {
              var style = document.createElement("link");
              style.rel = "stylesheet";
              style.href = "/_portal/serve.css";
              document.head.appendChild(style);
              panel = document.createElement("section");
              panel.className = "portal-serve-errors";
              panel.setAttribute("role", "alert");
              document.body.appendChild(panel);
            }
            panel.textContent = "";
            var heading = document.createElement("h2");
            heading.textContent = "The build failed; this is the last good version of the page.";
            panel.appendChild(heading);
            var list = document.createElement("pre");
            list.textContent = errors.join("\n");
            panel.appendChild(list);
          }

          window.portalServeStatus = function (status) {
            if (shown === null) { shown = status.build; }
            if (status.build !== shown) { location.reload(); return; }
            showErrors(status.errors);
          };

          function poll() {
            var probe = document.createElement("script");
            probe.src = "/_portal/status.js?t=" + Date.now();
            probe.onload = probe.onerror = function () {
              probe.remove();
              setTimeout(poll, 500);
            };
            document.head.appendChild(probe);
          }
          poll();
        })();

        """#

    static let stylesheet = """
        .portal-serve-errors { position: fixed; left: 0; right: 0; bottom: 0; z-index: 10000; max-height: 60vh;
          overflow: auto; margin: 0; padding: 1rem 1.5rem; background: #fff4f4; color: #5c0000;
          border-top: 4px solid #b00020; font: 15px/1.4 system-ui, sans-serif; box-shadow: 0 -4px 16px rgba(0,0,0,.25); }
        .portal-serve-errors h2 { margin: 0 0 .5rem; font-size: 1.05rem; }
        .portal-serve-errors pre { margin: 0; white-space: pre-wrap; font: 14px/1.45 ui-monospace, monospace; }

        """

    /// The page served in place of any HTML page when no build has ever succeeded.
    static func failurePage(build: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Build failed · portal serve</title></head>
        <body>
        <main><h1>The site has not built yet</h1><p>Fix the errors below; this page reloads by itself.</p></main>
        <script src="/_portal/reload.js?build=\(build)"></script>
        </body>
        </html>

        """
    }
}
