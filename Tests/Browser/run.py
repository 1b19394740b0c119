"""Runs every browser check against a built site: python3 Tests/Browser/run.py Public [Content].

Prints 'N passed, N failed' and exits 1 when any check fails.
"""
import importlib
import pathlib
import sys
import traceback

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from browser import chromium  # noqa: E402

MODULES = ["test_navigation", "test_calculator", "test_search", "test_csp", "test_injection", "test_reading", "test_codes", "test_charts", "test_small_screens", "test_timeline", "test_serve", "test_downloads"]


def main():
    driver = chromium()
    passed = failed = 0
    try:
        for name in MODULES:
            module = importlib.import_module(name)
            for test_name in sorted(n for n in dir(module) if n.startswith("test_")):
                try:
                    getattr(module, test_name)(driver)
                    passed += 1
                    print(f"PASS {name}.{test_name}")
                except Exception:
                    failed += 1
                    print(f"FAIL {name}.{test_name}")
                    traceback.print_exc()
    finally:
        driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
