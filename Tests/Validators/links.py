"""Every link and #anchor of a built site with LinkChecker: python3 Tests/Validators/links.py Public

Follows every local link from the home page over file://, with LinkChecker's AnchorCheck plugin
(Tests/Validators/linkcheckerrc); addresses outside the site are not fetched. Exits 1 on any broken link,
missing anchor or other warning, as LinkChecker does.
"""
import pathlib
import sys

import linkcheck.plugins

# Run as root, LinkChecker drops to the user "nobody" before it lists its plugins, and nobody may not be able
# to read the folder it is installed in (/root/…): the anchor check would then be left out without a word.
# Listed here, before that, the plugins load either way.
_modules = list(linkcheck.plugins.get_plugin_modules([]))
linkcheck.plugins.get_plugin_modules = lambda folders: iter(_modules)

from linkcheck.command.linkchecker import linkchecker  # noqa: E402

if __name__ == "__main__":
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()
    config = pathlib.Path(__file__).resolve().parent / "linkcheckerrc"
    sys.argv = ["linkchecker", "--config", str(config), "--no-status", (site / "index.html").as_uri()]
    linkchecker()
