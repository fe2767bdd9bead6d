"""Times the lesson runner on the whole curriculum, and Jupyter running the same lessons' twins.

Usage (from the repository root, with the pinned PyTorch's python, after `make build lib`; or
`make bench-lessons`, which installs nbclient and ipykernel into that environment first):

    python Sources/bench/PyTorchScript/bench_lessons.py [--lessons .build/debug/lessons] [--rounds 3] [--jobs 2] [--json FILE]

Works in a temporary folder holding a copy of Lessons/ and links to Sources/ and .build/, so the
real lessons and their cache are never touched. Each round times, in this order:

- cold, Swift only: `lessons test --force --no-twins` (every lesson compiled and run);
- cold, with twins: `lessons test --force` (the Swift programs and the PyTorch twins);
- warm: `lessons test` again (every result from the cache);
- one edited lesson: a comment added to one lesson, then `lessons test` (that lesson re-runs);
- Jupyter: the same lessons' twins (exactly those the runner ran, read from its twins.json) as one
  notebook per lesson, executed by nbclient one after another, one kernel each, as a notebook
  user would; present only when nbclient and ipykernel import.

Figures are medians across rounds; the ratios compare medians. The 1-minute load average at the
start and after each round is printed with them (other work on the machine slows every figure). Targets (issue 16): cold with twins
at least 3x faster than Jupyter, warm at most 0.2 s, one edited lesson at most 1.5 s.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_timed(command, cwd, env):
    """Runs `command` and returns its wall-clock seconds. A run with failing lessons is still timed
    (correctness is `make test`'s job), but its closing line is shown as a warning."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        closing = done.stdout.strip().splitlines()[-1:] or ["no output"]
        print(f"bench_lessons: warning: `{' '.join(command[1:])}` exited {done.returncode}: {closing[0]}", file=sys.stderr)
    return seconds


def twin_notebooks(cache):
    """One notebook per lesson holding the twins the runner ran (its build/<lesson>-twins/twins.json)."""
    import nbformat

    builds = os.path.join(cache, "build")
    notebooks = []
    for name in sorted(os.listdir(builds)):
        spec_path = os.path.join(builds, name, "twins.json")
        if not name.endswith("-twins") or not os.path.exists(spec_path):
            continue
        with open(spec_path, encoding="utf-8") as spec_file:
            spec = json.load(spec_file)
        # One thread, as the runner's twins have.
        cells = [nbformat.v4.new_code_cell("import torch\ntorch.set_num_threads(1)")]
        cells += [nbformat.v4.new_code_cell(twin["source"]) for twin in spec["twins"] if twin["run"]]
        notebooks.append((name, nbformat.v4.new_notebook(cells=cells)))
    return notebooks


def run_jupyter(notebooks, env):
    """Executes every notebook with nbclient, one kernel each, one after another; seconds."""
    from nbclient import NotebookClient

    os.environ.update(env)
    # The kernels inherit fd 2 and each warns that it talks over TCP in plain text: keep that out.
    saved_stderr = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    try:
        start = time.perf_counter()
        for _, notebook in notebooks:
            # allow_errors: the should-fail twins raise, as they must.
            NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=600).execute()
        return time.perf_counter() - start
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(null)


def jupyter_available():
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError:
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", default=".build/debug/lessons", help="the lessons CLI")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--edit", default="04", help="the number of the lesson edited for the 'one edited lesson' time")
    parser.add_argument("--json", help="write every figure to this file")
    args = parser.parse_args()

    root = os.getcwd()
    lessons = os.path.abspath(args.lessons)
    env = dict(os.environ, LESSONS_PYTHON=sys.executable, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    has_jupyter = jupyter_available()
    figures = {"swift_cold": [], "cold": [], "warm": [], "edited": [], "jupyter": []}
    # Other work on the machine slows every figure: the 1-minute load average is shown with them.
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="bench-lessons-") as scratch:
        # The runner takes the current directory as the package root: its cache goes here, and it
        # finds the library and fingerprints the sources through the links.
        for name in ("Sources", ".build", "Package.swift"):
            os.symlink(os.path.join(root, name), os.path.join(scratch, name))
        copy = os.path.join(scratch, "Lessons")
        shutil.copytree(os.path.join(root, "Lessons"), copy)
        edited = next(os.path.join(copy, f) for f in sorted(os.listdir(copy)) if f.startswith(args.edit + "-"))
        test = [lessons, "test", "-j", str(args.jobs)]
        cache = os.path.join(scratch, ".lessons-cache")
        root_for_runs = scratch
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}/{args.rounds}…", file=sys.stderr)
            figures["swift_cold"].append(run_timed(test + ["--force", "--no-twins"], root_for_runs, env))
            figures["cold"].append(run_timed(test + ["--force"], root_for_runs, env))
            figures["warm"].append(run_timed(test, root_for_runs, env))
            with open(edited, "a", encoding="utf-8") as lesson:
                lesson.write(f"\n<!-- bench_lessons edit {round_number} -->\n")
            figures["edited"].append(run_timed(test, root_for_runs, env))
            if has_jupyter:
                figures["jupyter"].append(run_jupyter(twin_notebooks(cache), env))
            loads.append(os.getloadavg()[0])
    medians = {key: statistics.median(values) for key, values in figures.items() if values}
    print_table(medians, has_jupyter, args)
    print("  1-minute load average at the start and after each round: " + ", ".join(f"{load:.2f}" for load in loads))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"rounds": figures, "medians": medians, "load": loads}, out, indent=2, sort_keys=True)


def print_table(medians, has_jupyter, args):
    rows = [
        ("cold, Swift cells only", medians["swift_cold"], ""),
        ("cold, Swift cells + PyTorch twins", medians["cold"], ""),
        ("warm (all cached)", medians["warm"], "≤ 0.2 s " + ("met" if medians["warm"] <= 0.2 else "missed")),
        ("one edited lesson", medians["edited"], "≤ 1.5 s " + ("met" if medians["edited"] <= 1.5 else "missed")),
    ]
    if has_jupyter:
        ratio = medians["jupyter"] / medians["cold"]
        rows.append(("Jupyter (nbclient), the same twins", medians["jupyter"], ""))
        rows.append(("Jupyter / cold with twins", None, f"{ratio:.2f}×  ≥ 3× " + ("met" if ratio >= 3 else "missed")))
    print(f"Lesson runner, {args.rounds} round(s), -j {args.jobs}, medians:")
    for title, seconds, note in rows:
        figure = f"{seconds:8.2f} s" if seconds is not None else " " * 10
        print(f"  {title:<38} {figure}  {note}")
    if not has_jupyter:
        print("  (Jupyter skipped: nbclient and ipykernel do not import in this python; `make bench-lessons` installs them)")


if __name__ == "__main__":
    main()
