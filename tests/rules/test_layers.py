"""The code's layers, read from its imports: where a newcomer finds a screen, and what may use what.

- ``pages/<screen>.py`` is the screen's script; everything only that screen uses is in
  ``components/screens/<screen>.py``; the shared kit is the rest of ``components/`` and names no
  screen.
- The kit never imports a screen's code; screens import each other only where the design says so
  (meeting mode shows the overview's off-track list and tiles); ``tracker/`` never imports
  ``components/`` or ``pages/``.
- Run-time code imports only the libraries' public modules (``PUBLIC_MODULES``), apart from the one
  documented ``pages/`` workaround in ``components/frame.py``.
"""
from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
ALLOWED_BETWEEN_SCREENS = {("present", "overview")}
# The library modules run-time code may import: each library's documented, public modules. Anything
# else (Streamlit's implementation modules, pydeck's bindings, …) may change in any release.
PUBLIC_MODULES = {
    "altair", "duckdb", "numpy", "pandas", "pandas.api.types", "pyarrow", "pyarrow.compute", "pydeck",
    "streamlit", "streamlit.errors", "streamlit.components.v1",
    "openpyxl", "openpyxl.styles", "openpyxl.styles.numbers", "openpyxl.utils", "openpyxl.utils.cell",
    "openpyxl.utils.datetime", "openpyxl.worksheet.datavalidation", "openpyxl.formula.translate",
    # the meeting pack (tracker/brief/): python-pptx, fpdf2, Pillow (the map pictures) and lxml's element API
    "pptx", "pptx.util", "pptx.chart.data", "pptx.dml.color", "pptx.enum.chart", "pptx.enum.text",
    "fpdf", "lxml", "lxml.etree", "PIL", "PIL.Image", "PIL.ImageDraw", "PIL.ImageFont",
}
PAGES_WORKAROUND = ("components/frame.py", "streamlit.runtime.pages_manager")



def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (imports inside functions count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def public(name: str) -> bool:
    """A public library module, or a name imported from one (``from streamlit.errors import X``)."""
    if name in PUBLIC_MODULES:
        return True
    try:
        is_module = importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        is_module = False
    return not is_module and name.rsplit(".", 1)[0] in PUBLIC_MODULES


def run_time_files() -> list[Path]:
    return sorted([ROOT / "app.py", ROOT / "serve.py", *(ROOT / "pages").glob("*.py"),
                   *(ROOT / "components").rglob("*.py"), *(ROOT / "tracker").rglob("*.py")])


def screen_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] == ["components", "screens"] and len(parts) > 2:
        return parts[2]
    return None


def test_every_page_has_its_screen_module_and_nothing_else_lives_there():
    folder = ROOT / "components" / "screens"
    screens = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    assert screens <= set(SCREENS), screens - set(SCREENS)
    for page in SCREENS:
        used = {screen_of(m) for m in imports(ROOT / "pages" / f"{page}.py")} - {None}
        assert used <= {page}, f"pages/{page}.py uses another screen's code: {used - {page}}"


@pytest.mark.parametrize("path", sorted((ROOT / "components").glob("*.py")), ids=lambda p: p.name)
def test_the_shared_kit_never_imports_a_screen(path):
    assert {m for m in imports(path) if screen_of(m)} == set()


def screen_file_of(path: Path) -> str:
    """The screen a file under components/screens/ belongs to (a module, or a package's part)."""
    return path.relative_to(ROOT / "components" / "screens").parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", sorted((ROOT / "components" / "screens").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_screens_import_each_other_only_where_the_design_says(path):
    mine = screen_file_of(path)
    others = {screen_of(m) for m in imports(path)} - {None, mine, "__init__"}
    assert {(mine, o) for o in others} <= ALLOWED_BETWEEN_SCREENS


@pytest.mark.parametrize("path", sorted((ROOT / "tracker").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_package_never_imports_the_interface(path):
    assert {m for m in imports(path) if m.split(".")[0] in ("components", "pages")} == set()


@pytest.mark.parametrize("path", run_time_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_library_imports(path):
    rel = str(path.relative_to(ROOT))
    private = set()
    for module in imports(path):
        top = module.split(".")[0]
        if top in ("components", "pages", "tracker", "__future__") or top in sys.stdlib_module_names:
            continue
        if not public(module):
            private.add(module)
    if rel == PAGES_WORKAROUND[0]:
        private = {m for m in private if not m.startswith(PAGES_WORKAROUND[1])}
    assert private == set()


def project_modules() -> dict[str, Path]:
    """tracker.* and components.* by dotted name (a package by its own name)."""
    found = {}
    for path in [*(ROOT / "tracker").rglob("*.py"), *(ROOT / "components").rglob("*.py")]:
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_modules(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports at any depth of the file (function-level ones count):
    ``from tracker.brief import maps`` names tracker.brief.maps, not the package around it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            subs = {f"{node.module}.{alias.name}" for alias in node.names} & modules.keys()
            found |= subs or {node.module}
    return found & modules.keys()


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports."""
    modules = project_modules()
    return {name: imported_modules(path, modules) - {name} for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of ``graph``: each a path a → … → a, found by depth-first search."""
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_the_circle_finder_finds_a_circle_through_a_function_level_import():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_project_has_no_import_circle():
    """The warehouse reader calls nothing above it (recovery is its caller's), the journal records
    and tracker.replay rebuilds: no module reaches back up through a function-level import."""
    assert circles(import_graph()) == []


def _function_bodies(paths: list[Path]) -> dict[str, str]:
    """Each top-level function's body (docstring left out) as its AST dump → 'file:name'."""
    found = {}
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                if len(body) > 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
                    found[ast.dump(ast.Module(body=body, type_ignores=[]))] = f"{path.relative_to(ROOT)}:{node.name}"
    return found


def test_the_pack_copies_no_derivation_of_the_screens():
    """A derivation the screens and the deck/report both need lives once in tracker/ (views/,
    map_classes.label, judgement); neither side keeps a copy of the other's function body."""
    screens = _function_bodies(sorted((ROOT / "components").rglob("*.py")))
    pack = _function_bodies(sorted((ROOT / "tracker" / "brief").glob("*.py")))
    assert {pack[body]: screens[body] for body in pack.keys() & screens.keys()} == {}


# What the view layer alone derives from the warehouse's rows (tracker/views/): the changes since a
# moment (the changes_since query) and an action's roll-up (the roll-up row's columns, its
# count_<status> columns, the verdict line). A screen or the pack that reads them itself is a copy.
VIEW_QUERIES = {"changes_since"}
ROLLUP_COLUMNS = {"count_targets", "count_off_track", "count_city_only", "mean_progress_pct", "mean_time_pct",
                  "rollup_status"}
VIEW_CALLS = {"action_line"}


def _view_derivations(path: Path) -> set[str]:
    """The view layer's own names a file uses: a view query or roll-up column as a string, an f-string
    ``count_{code}``, a call of the verdict line."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and node.value in VIEW_QUERIES | ROLLUP_COLUMNS:
            found.add(node.value)
        elif isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.Constant) and v.value == "count_"
                                                     for v in node.values):
            found.add('f"count_{…}"')
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)) and (
                getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in VIEW_CALLS:
            found.add(f"{getattr(node.func, 'attr', None) or node.func.id}()")
    return found


def test_only_the_view_layer_derives_the_changes_and_an_actions_rollup():
    """components/ (screens and kit), pages/ and the pack read the changes since a moment and an action's
    roll-up from tracker/views/; none runs the changes query or reads the roll-up row's columns itself."""
    readers = sorted([*(ROOT / "components").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
                      *(ROOT / "tracker" / "brief").glob("*.py")])
    copies = {str(p.relative_to(ROOT)): found for p in readers if (found := _view_derivations(p))}
    assert copies == {}
    views = set().union(*(_view_derivations(p) for p in (ROOT / "tracker" / "views").glob("*.py")))
    expected = VIEW_QUERIES | ROLLUP_COLUMNS | {f"{name}()" for name in VIEW_CALLS} | {'f"count_{…}"'}
    assert views >= expected, "the finder finds them where they are"


#: queries whose rows the view layer turns into what a screen and the pack both show: a district's
#: standing and rank, the compare grid, a coverage map's rows
OWNED_QUERIES = {"district_standing": "tracker/views/districts.py", "compare_heatmap": "tracker/views/compare.py",
                "map_district_values": "tracker/views/maps.py"}


def _names_a_query(path: Path) -> set[str]:
    """The view layer's queries ``path`` names in a string of its code (docstrings and comments aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and ast.get_docstring(node) is not None}
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docs
            and node.value in OWNED_QUERIES}


def test_only_the_view_layer_runs_the_queries_behind_a_districts_rank_the_grid_and_the_maps():
    """A screen or the pack that ran one of these itself would be deriving its own copy of what the
    view function derives: they call tracker/views/ (with their own runner) instead."""
    named = {str(path.relative_to(ROOT)): _names_a_query(path) for path in run_time_files()}
    assert {path: found for path, found in named.items() if found} == {
        owner: {query} for query, owner in OWNED_QUERIES.items()}


def test_the_query_finder_sees_a_query_named_in_code():
    """The finder above would catch a copy: a screen calling data.q("compare_heatmap", …) is found."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.py"
        copy.write_text('"""Reads compare_heatmap."""\nrows = q("compare_heatmap", plan_id="x")\n', encoding="utf-8")
        assert _names_a_query(copy) == {"compare_heatmap"}
        copy.write_text('"""compare_heatmap"""\n', encoding="utf-8")
        assert _names_a_query(copy) == set()


#: test files that build an AppTest themselves, each for a reason open_screen cannot serve
OWN_APPTEST = {
    "tests/rules/test_url_state.py": "checks the URL-state rule on small scripts of its own, with no page and no frame",
    "tests/headless/test_indicator.py": "runs the table-download component alone in a one-call script, with no page",
}
APPTEST_BUILDERS = {"from_file", "from_string", "from_function"}


def _builds_an_apptest(path: Path) -> list[int]:
    """The lines of ``path`` that make an AppTest (``AppTest.from_file`` / ``from_string`` /
    ``from_function`` or ``AppTest(...)``), under any name the file imports it by."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {"AppTest"} | {alias.asname for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                           for alias in node.names if alias.name == "AppTest" and alias.asname}
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in APPTEST_BUILDERS:
            owner = func.value
            if (isinstance(owner, ast.Name) and owner.id in names) or (
                    isinstance(owner, ast.Attribute) and owner.attr == "AppTest"):
                lines.append(node.lineno)
        elif (isinstance(func, ast.Name) and func.id in names) or (
                isinstance(func, ast.Attribute) and func.attr == "AppTest"):
            lines.append(node.lineno)
    return sorted(lines)


def test_every_screen_a_test_opens_goes_through_the_one_page_opener():
    """tests/screens.py's open_screen is the one way a test opens the app (query, secrets, user,
    page, run); a file that builds its own AppTest would drift from it. The exceptions only shrink."""
    built = {str(path.relative_to(ROOT)): _builds_an_apptest(path) for path in sorted((ROOT / "tests").rglob("*.py"))
             if path != ROOT / "tests" / "screens.py"}
    assert {path: lines for path, lines in built.items() if lines and path not in OWN_APPTEST} == {}, \
        "open the page with tests.screens.open_screen"
    assert {path for path in OWN_APPTEST if not built.get(path)} == set(), \
        "no longer builds its own AppTest: take it off OWN_APPTEST"


def test_the_apptest_finder_sees_a_test_that_opens_the_app_itself():
    """The finder above would catch a second opener, under the class's own name or an alias."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        own = Path(folder) / "test_own.py"
        own.write_text("from streamlit.testing.v1 import AppTest\nat = AppTest.from_file('app.py')\n"
                       "from streamlit.testing.v1 import AppTest as T\nb = T.from_function(print)\n"
                       "import streamlit.testing.v1 as v\nc = v.AppTest.from_string('x = 1')\n", encoding="utf-8")
        assert _builds_an_apptest(own) == [2, 4, 6]
        own.write_text("from tests.screens import open_screen\nat = open_screen('map', lang='en')\n"
                       "def f(at: 'AppTest') -> None:\n    at.run()\n", encoding="utf-8")
        assert _builds_an_apptest(own) == []
    assert _builds_an_apptest(ROOT / "tests" / "screens.py"), "the one opener is found too"


# ---- the tests' own layers ----------------------------------------------------------------------------
# tests/rules (no screen), tests/store (the warehouse and what writes it), tests/headless (screens through
# AppTest), tests/pack (the deck and report), tests/chromium (marked browser), tests/serving (make serve,
# the room, the benchmarks); the shared drivers (browser.py, screens.py, conftest.py …) stay in tests/.
TEST_LAYERS = {"rules", "store", "headless", "pack", "chromium", "serving"}


def _marks(path: Path) -> set[str]:
    """The pytest marks a test file uses (pytest.mark.<name>), at any level."""
    return {node.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "mark" and isinstance(node.value.value, ast.Name) and node.value.value.id == "pytest"}


def test_every_test_file_lives_in_its_layer():
    """A test file is in one layer folder; what drives chromium is in tests/chromium and all of it is
    marked browser; what starts make serve (marked serve) is in tests/serving."""
    tests = ROOT / "tests"
    assert not sorted(p.name for p in tests.glob("test_*.py")), "a test file outside the layer folders"
    assert {p.parent.name for p in tests.glob("*/test_*.py")} == TEST_LAYERS
    for path in sorted(tests.glob("*/test_*.py")):
        layer, marks = path.parent.name, _marks(path)
        assert ("browser" in marks) == (layer == "chromium"), path.relative_to(ROOT)
        assert "serve" not in marks or layer == "serving", path.relative_to(ROOT)
