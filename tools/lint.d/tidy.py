"""clang-tidy on the translation units that changed since they last passed: tools/lint's second
step (run through tools/lint, which passes ROOT, BUILD_DIR and the mode).

A translation unit is keyed by the SHA-256 of .clang-tidy, clang-tidy's version, its compile
command, and the text of its source and of every file of the repository it includes (ninja's
record of the last build's dependencies), so a changed header re-checks every file that includes
it. A unit that passes leaves its key in BUILD_DIR/lint-passed/; a unit whose key is there is not
checked again. A fresh clone (CI) has no keys: every unit is checked. --all ignores the keys (and
drops those of no current unit). Any finding fails (exit 1), printed with its context; a unit
with a finding leaves no key.
"""
import concurrent.futures, functools, hashlib, json, os, subprocess, sys

ROOT, BUILD_DIR, MODE = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3]
TIDY = "clang-tidy-14"
PASSED = os.path.join(BUILD_DIR, "lint-passed")


def sources():
    """The C++ sources the build compiles, each with its compile command (tests/fuzz is built
    apart, by tools/sanitize)."""
    with open(os.path.join(BUILD_DIR, "compile_commands.json")) as f:
        commands = {os.path.realpath(e["file"]): e["command"] for e in json.load(f)}
    return {f: c for f, c in sorted(commands.items())
            if f.startswith(ROOT + "/") and f.endswith(".cpp")}


def dependencies():
    """Each source's included files inside the repository (not the build folder), per ninja."""
    out = subprocess.run(["ninja", "-C", BUILD_DIR, "-t", "deps"], check=True,
                         capture_output=True, text=True).stdout
    deps, current = {}, None
    build = os.path.realpath(BUILD_DIR) + "/"
    for line in out.splitlines():
        if not line.startswith(" "):
            current = None  # "target: #deps N ...": the source is the first dependency
            continue
        path = os.path.realpath(line.strip())
        if current is None:
            current = path
            deps.setdefault(current, set())
        elif path.startswith(ROOT + "/") and not path.startswith(build):
            deps[current].add(path)
    return deps


@functools.lru_cache(maxsize=None)
def digest_of(path):
    """A file's SHA-256, read once however many units include it."""
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return "(missing)"


def key_of(source, command, included, common):
    h = hashlib.sha256(common + command.encode() + b"\0")
    for path in [source] + sorted(included):
        h.update(f"{path}\0{digest_of(path)}\0".encode())
    return h.hexdigest()


def run_tidy(source):
    # -Wno-unknown-warning-option: the build's flags are g++'s (e.g. -Wno-dangling-pointer).
    r = subprocess.run([TIDY, "-p", BUILD_DIR, "--quiet", "--extra-arg=-Wno-unknown-warning-option",
                        source], capture_output=True, text=True)
    findings = [l for l in r.stdout.splitlines() if " warning: " in l or " error: " in l]
    return r.returncode == 0 and not findings, r.stdout


def main():
    version = subprocess.run([TIDY, "--version"], check=True, capture_output=True).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as f:
        common = f.read() + b"\0" + version + b"\0"
    deps = dependencies()
    keys = {s: key_of(s, c, deps.get(s, set()), common) for s, c in sources().items()}
    os.makedirs(PASSED, exist_ok=True)
    todo = [s for s, k in keys.items()
            if MODE == "all" or not os.path.exists(os.path.join(PASSED, k))]
    rel = lambda s: os.path.relpath(s, ROOT)
    if not todo:
        print(f"tools/lint: clang-tidy: all {len(keys)} translation units unchanged since they passed")
        return 0
    print(f"tools/lint: clang-tidy on {len(todo)} of {len(keys)} translation units "
          f"(the others unchanged since they passed)", flush=True)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for source, (ok, out) in zip(todo, pool.map(run_tidy, todo)):
            if ok:
                open(os.path.join(PASSED, keys[source]), "w").close()
            else:
                failed.append(rel(source))
                sys.stderr.write(out)
    if MODE == "all":  # keys of no current unit are of older trees: dropped (a checkout back
        current = set(keys.values())  # to one of them would find its passes otherwise)
        for name in os.listdir(PASSED):
            if name not in current:
                os.remove(os.path.join(PASSED, name))
    if failed:
        print(f"tools/lint: clang-tidy found the above in {len(failed)} file(s): "
              f"{' '.join(failed)} (.clang-tidy says what is checked)", file=sys.stderr)
        return 1
    print("tools/lint: clang-tidy clean")
    return 0


sys.exit(main())
