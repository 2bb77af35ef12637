#!/usr/bin/env python3
"""The measuring half of Scripts/bench (which builds everything first and then calls this).

Times the start-up of microproject against reference programs (with hyperfine when it is there, else an
interleaved perf_counter loop), times how long the first question takes to appear, reads the engine's
figures from microproject-bench, and prints one table. It measures; it never fails on a figure.
"""
import argparse
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time

START_UP_TARGET = 1.5  # first question on screen within this many times the Foundation hello-world
ENGINE_TARGET_US = 100.0  # engine time per answer
REBUILD_TARGET_MS = 30.0  # `show` of a session of 5,000 events, more than `--help`
WHOLE_TARGET = 10.0  # answering all N generated questions: docassemble's whole process / ours
LINT_TARGET = 20.0  # checking the generated script: pyxform's whole-process conversion / our lint
PTY_P50_MS, PTY_P99_MS = 1.0, 3.0  # per answer on a pseudo-terminal, Enter to the next prompt
PTY_DRIFT = 1.25  # the last decile's median over the first's: flat means near 1


class Command:
    def __init__(self, name, argv, expect_rc=0, fresh_home=False, marker=None, home=None):
        self.name = name
        self.argv = argv
        self.expect_rc = expect_rc
        self.fresh_home = fresh_home
        self.marker = marker  # bytes on standard output that mean "the first prompt is showing"
        self.home = home  # a data folder of its own (MICROPROJECT_HOME), else the shared one


def main():
    args = parse_args()
    env = dict(os.environ, MICROPROJECT_HOME=args.home, NO_COLOR="1")
    before = cpu_snapshot()
    notes = []

    commands = [
        Command("/bin/true", ["/bin/true"]),
        Command("hello (no Foundation)", [args.hello_plain]),
        Command("hello (Foundation)", [args.hello_foundation], marker=b"hello"),
    ]
    if args.python:
        commands.append(Command("python3 import prompt_toolkit", [args.python, "-c", "import prompt_toolkit"]))
    else:
        notes.append("python3 with prompt_toolkit: skipped (%s)" % (args.python_note or "not importable"))
    run_cmd = Command("microproject run safety-check", [args.microproject, "run", "safety-check"],
                      expect_rc=75, fresh_home=True, marker=b"\n1. ")
    lint_cmd = Command("microproject lint", [args.microproject, "lint"])
    commands += [run_cmd, lint_cmd]

    # Start-up: whole process, empty standard input. `run` prints the first question, pauses and exits 75.
    times = None
    if args.hyperfine:
        method = "hyperfine %s, %d runs each in %d rotated rounds, output to a pipe" % (
            hyperfine_version(args.hyperfine), args.runs, args.rounds)
        try:
            times, codes = time_with_hyperfine(commands, args, env)
        except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
            notes.append("hyperfine failed (%s); timed with the python3 loop instead" % e)
    if times is None:
        method = "python3 perf_counter loop, %d interleaved rounds after %d warm-up" % (args.runs, args.warmup)
        times, codes = time_with_loop(commands, args, env)
    for c in commands:
        bad = sorted({rc for rc in codes[c.name] if rc != c.expect_rc})
        if bad:
            notes.append("%s exited %s (expected %d): its time may not mean what it should"
                         % (c.name, ", ".join(map(str, bad)), c.expect_rc))

    # Until the first question is on screen (standard input left open, so nothing pauses yet). Also with
    # a realistic store, which `run` opens and checks (PRAGMA quick_check) before reading the first answer.
    first = [c for c in commands if c.marker]
    realistic = realistic_store(args, env, notes)
    stored_cmd = None
    if realistic:
        stored_cmd = Command("microproject run, realistic store", [args.microproject, "run", "safety-check"],
                             expect_rc=75, marker=b"\n1. ", home=realistic["home"])
        first.append(stored_cmd)
    first_times = time_first_output(first, args, env, notes)

    engine = read_engine(args.engine_output, args.engine_note)
    others = busy_elsewhere(before, cpu_snapshot())

    med = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    fmed = {name: statistics.median(ts) * 1000 for name, ts in first_times.items() if ts}

    print()
    if others is not None:
        print("Other programs kept %.0f%% of the %d CPUs busy while this measured." % (others * 100, os.cpu_count() or 0))
    print("Start-up (%s):" % method)
    for c in commands:
        ts = sorted(t * 1000 for t in times[c.name])
        print("  %-32s median %7.2f ms   min %7.2f   p90 %7.2f   max %7.2f"
              % (c.name, med[c.name], ts[0], percentile(ts, 90), ts[-1]))
    if fmed:
        print("Until the first output (python3 Popen, %d interleaved rounds; standard input kept open):" % args.runs)
        for name, ms in fmed.items():
            print("  %-32s median %7.2f ms" % (name, ms))
    if engine.get("median_ns") is not None:
        print("Engine (microproject-bench, in process): %d batches of %d answers on the safety-check 'suitable' route"
              % (engine.get("batches", 0), engine.get("answers", 0)))
        print("  start an interview: median %.2f us" % (engine["start_ns"] / 1000))

    rows = []
    ref = "hello (Foundation)"
    rows.append(ratio_row("run safety-check: first question, then pause", med.get(run_cmd.name), ref, med.get(ref),
                          None))
    if run_cmd.name in fmed and ref in fmed:
        rows.append(ratio_row("first question on screen (no store yet)", fmed[run_cmd.name], ref + ", first line",
                              fmed[ref], START_UP_TARGET))
    # The row above has no store yet, so nothing to check. With a store, `run` opens and checks it once the
    # first question is on screen, before it reads the first answer; the in-process rows say what that costs.
    if stored_cmd and stored_cmd.name in fmed and ref in fmed:
        label = "first question, store of %d sessions / %d events, checked" % (realistic["sessions"],
                                                                               realistic["events"])
        rows.append(ratio_row(label, fmed[stored_cmd.name], ref + ", first line", fmed[ref], START_UP_TARGET))
    if realistic and realistic.get("open_check_ns") is not None:
        check_ms = (realistic["open_check_ns"] - realistic["open_nocheck_ns"]) / 1e6
        rows.append(["open that store for writing, in process: with quick_check",
                     "%.2f ms" % (realistic["open_check_ns"] / 1e6),
                     "without %.2f ms" % (realistic["open_nocheck_ns"] / 1e6), "check %.2f ms" % check_ms,
                     "-", "(info, %.1f MB)" % (realistic["bytes"] / 1e6)])
        rows.append(["open that store for reading (list, show), in process, checked",
                     "%.2f ms" % (realistic["read_check_ns"] / 1e6), "-", "-", "-", "(info)"])
    rows.append(ratio_row("start-up: lint (shipped scripts)", med.get(lint_cmd.name), ref, med.get(ref), None))
    if engine.get("median_ns") is not None:
        for label, key in (("engine per answer, median", "median_ns"), ("engine per answer, p90", "p90_ns")):
            us = engine[key] / 1000
            rows.append([label, "%.2f us" % us, "-", "-", "< %g us" % ENGINE_TARGET_US,
                         "PASS" if us < ENGINE_TARGET_US else "over target"])
    else:
        rows.append(["engine per answer", "not measured", "-", "-", "< %g us" % ENGINE_TARGET_US,
                     engine.get("note", "no figures")])

    if engine.get("replay_median_ns") is not None:
        ms = engine["replay_median_ns"] / 1e6
        rows.append(["rebuild from 5,000 events: engine replay", "%.2f ms" % ms, "-", "-", "< %g ms" % REBUILD_TARGET_MS,
                     "PASS" if ms < REBUILD_TARGET_MS else "over target"])
    if engine.get("export_csv_ns") is not None:
        for label, key in (("export 10,000 records: CSV (both files)", "export_csv_ns"),
                           ("export 10,000 records: JSON", "export_json_ns")):
            ms = engine[key] / 1e6
            rows.append([label, "%.0f ms" % ms, "-", "-", "< 1000 ms", "PASS" if ms < 1000 else "over target"])
        rows.append(["export 10,000 records: JSON with every stage", "%.0f ms" % (engine["export_full_json_ns"] / 1e6),
                     "-", "-", "-", "(info)"])
        mb = engine["export_peak_rss_kb"] / 1024
        rows.append(["export: peak memory of the bench process", "%.0f MB" % mb, "-", "-", "< 100 MB",
                     "PASS" if mb < 100 else "over target"])
        if engine.get("export_xlsx_ns") is not None:
            # Beside the CSV: the reference is the CSV's time, the ratio how much longer the workbook takes.
            xlsx_ms, csv_ms = engine["export_xlsx_ns"] / 1e6, engine["export_csv_ns"] / 1e6
            rows.append(["export 10,000 records: xlsx workbook (%.1f MB)" % (engine["export_xlsx_bytes"] / 1e6),
                         "%.0f ms" % xlsx_ms, "CSV %.0f ms" % csv_ms, "%.1fx" % (xlsx_ms / csv_ms), "-", "(info)"])
            mb = engine["export_xlsx_peak_rss_kb"] / 1024
            rows.append(["export: peak memory after the workbook too", "%.0f MB" % mb, "-", "-", "< 100 MB",
                         "PASS" if mb < 100 else "over target"])
    rows += whole_program_rows(args, env, notes)
    rows += generated_rows(args, env, notes)

    print()
    print_table(["figure", "measured", "reference", "ratio", "target", "result"], rows)
    if others is not None and others > 0.25:
        notes.append("the machine was busy with other work: the figures are noisy; run again when it is quiet")
    for n in notes:
        print("note: " + n)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--microproject", required=True)
    p.add_argument("--hello-plain", required=True)
    p.add_argument("--hello-foundation", required=True)
    p.add_argument("--python", default="", help="interpreter that can import prompt_toolkit, or empty")
    p.add_argument("--python-note", default="")
    p.add_argument("--hyperfine", default="", help="path to hyperfine, or empty for the python3 loop")
    p.add_argument("--engine-output", default="", help="file holding microproject-bench's standard output")
    p.add_argument("--type3-answers", default="", help="answers for a whole Type 3 microproject, from start")
    p.add_argument("--engine-note", default="", help="why there are no engine figures")
    p.add_argument("--engine-bin", default="", help="microproject-bench, to time opening a store in process")
    p.add_argument("--work", required=True, help="scratch folder (git-ignored)")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--rounds", type=int, default=3, help="hyperfine calls the runs are spread over")
    p.add_argument("--peers", default="", help="the bench-peers folder (gen.py, da_run.py), or empty")
    p.add_argument("--peer-home", default="", help="where bench-peers' setup.sh put the peers' venvs")
    p.add_argument("--size", type=int, default=1000, help="questions in the generated interview")
    p.add_argument("--pty-answers", type=int, default=4000, help="answers typed on a pseudo-terminal")
    p.add_argument("--peer-runs", type=int, default=5, help="runs of the generated interview, ours and peers")
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    args.home = os.path.join(args.work, "home")
    return args


def cpu_snapshot():
    """CPU time used by the whole machine and by this driver with everything it has waited for, in seconds."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(v) for v in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK")
    mine = sum(getattr(resource.getrusage(who), field)
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for field in ("ru_utime", "ru_stime"))
    return time.monotonic(), (sum(ticks) - ticks[3] - ticks[4]) / hz, mine


def busy_elsewhere(before, after):
    """The share of all CPUs that other programs used between two snapshots."""
    if before is None or after is None or after[0] <= before[0]:
        return None
    elapsed = after[0] - before[0]
    other = (after[1] - before[1]) - (after[2] - before[2])
    return max(0.0, other / (elapsed * (os.cpu_count() or 1)))


def fresh_home(path):
    shutil.rmtree(path, ignore_errors=True)
    os.mkdir(path, 0o700)


def hyperfine_version(path):
    try:
        return subprocess.run([path, "--version"], capture_output=True, text=True).stdout.split()[-1]
    except (OSError, IndexError):
        return "?"


def time_with_hyperfine(commands, args, env):
    """hyperfine times one command's runs back to back; to spread a noisy spell over every command, it is
    called in a few rounds, each with its share of the runs and the commands in a rotated order."""
    out = os.path.join(args.work, "hyperfine.json")
    reset = "sh -c %s %s" % (shlex.quote('rm -rf "$0" && mkdir -m 700 "$0"'), shlex.quote(args.home))
    times = {c.name: [] for c in commands}
    codes = {c.name: [] for c in commands}
    rounds = max(1, min(args.rounds, args.runs))
    for round_ in range(rounds):
        runs = args.runs // rounds + (1 if round_ < args.runs % rounds else 0)
        k = round_ % len(commands)
        order = commands[k:] + commands[:k]
        argv = [args.hyperfine, "-N", "--style", "none", "--ignore-failure", "--output", "pipe",
                "--runs", str(runs), "--warmup", str(max(1, args.warmup // rounds)), "--export-json", out]
        for c in order:
            # One --prepare per command: only `run` gets a fresh data folder before every run (and warm-up).
            argv += ["--prepare", reset if c.fresh_home else "true"]
        for c in order:
            argv += ["--command-name", c.name, shlex.join(c.argv)]
        r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # Keep hyperfine's errors; drop its advice about outliers (expected here) and exit code 75 of `run`.
        for line in r.stderr.splitlines():
            if line.strip() and "Statistical outliers" not in line and "non-zero exit code" not in line:
                print(line, file=sys.stderr)
        r.check_returncode()
        with open(out) as f:
            results = json.load(f)["results"]
        for c, res in zip(order, results):
            times[c.name] += res["times"]
            codes[c.name] += res.get("exit_codes", [])
    return times, codes


def time_with_loop(commands, args, env):
    times = {c.name: [] for c in commands}
    codes = {c.name: [] for c in commands}
    for round_ in range(args.warmup + args.runs):
        # Interleave, and rotate who goes first, so a noisy moment lands on every command alike.
        k = round_ % len(commands)
        for c in commands[k:] + commands[:k]:
            if c.fresh_home:
                fresh_home(args.home)
            t0 = time.perf_counter()
            r = subprocess.run(c.argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            t1 = time.perf_counter()
            if round_ >= args.warmup:
                times[c.name].append(t1 - t0)
                codes[c.name].append(r.returncode)
    return times, codes


def time_first_output(commands, args, env, notes):
    times = {c.name: [] for c in commands}
    for round_ in range(args.warmup + args.runs):
        k = round_ % len(commands)
        for c in commands[k:] + commands[:k]:
            if c.fresh_home:
                fresh_home(args.home)
            cenv = dict(env, MICROPROJECT_HOME=c.home) if c.home else env
            t0 = time.perf_counter()
            p = subprocess.Popen(c.argv, env=cenv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
            seen, buf = None, b""
            while True:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    break
                buf += chunk
                if c.marker in buf:
                    seen = time.perf_counter()
                    break
            p.stdin.close()  # end of input: `run` pauses and exits
            p.stdout.read()
            p.wait()
            if seen is None:
                notes.append("%s: its first output (%r) never appeared; first-output time not measured"
                             % (c.name, c.marker))
                return {}
            if round_ >= args.warmup:
                times[c.name].append(seen - t0)
    return times


def read_engine(path, note):
    if not path or not os.path.exists(path):
        return {"note": note or "microproject-bench did not run"}
    found = {}
    with open(path) as f:
        for line in f:
            if line.startswith("engine "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                found.update({k: float(v) for k, v in fields.items()})
            elif line.startswith("export "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                found.update({"export_" + k: float(v) for k, v in fields.items()})
            elif line.startswith("replay "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                found.update({"replay_" + k: float(v) for k, v in fields.items()})
    return found or {"note": note or "microproject-bench printed no figures"}


def realistic_store(args, env, notes):
    """A data folder like a practitioner's after a while: one session of 5,000 events (answers and /back)
    and 99 short ones, 100 sessions in all. Returns its folder and size, and (with microproject-bench) what
    opening it costs in process with and without the integrity check; None if it could not be made."""
    home = os.path.join(args.work, "realistic")
    shutil.rmtree(home, ignore_errors=True)
    henv = dict(env, MICROPROJECT_HOME=home)
    route = ["How mornings go", "no", "no", "no", "no", "no", "no", "2", "1, 2", "yes"]
    lines = (route + ["/back"] * len(route)) * 250
    r = subprocess.run([args.microproject, "run", "safety-check"], input=("\n".join(lines) + "\n").encode(),
                       env=henv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 75:
        notes.append("could not make the realistic store (exit %d)" % r.returncode)
        return None
    for _ in range(99):
        subprocess.run([args.microproject, "run", "safety-check"], input=b"How evenings go\nno\nno\n", env=henv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = {"home": home, "sessions": 100, "events": 5000 + 99 * 4, "bytes": 0}
    if args.engine_bin:
        out = subprocess.run([args.engine_bin, "--store", home], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            if line.startswith("store "):
                found.update({k: float(v) for k, v in (kv.split("=", 1) for kv in line.split()[1:])})
        if out.returncode != 0:
            notes.append("microproject-bench --store failed: %s" % out.stderr.strip())
    found["sessions"], found["events"] = int(found["sessions"]), int(found["events"])
    return found


def whole_program_rows(args, env, notes):
    """A whole Type 3 microproject with piped answers, and `show` of a session with 5,000 events."""
    rows = []
    mp = args.microproject
    base = os.path.join(args.work, "whole")
    shutil.rmtree(base, ignore_errors=True)
    template = os.path.join(base, "template")
    os.makedirs(template)
    tenv = dict(env, MICROPROJECT_HOME=template)
    subprocess.run([mp, "practitioner", "add", "--id", "lee", "--name", "Lee Ward", "--licence", "lead",
                    "--licence-expires", "2030-01-01", "--completed", "introduction", "--completed", "foundations",
                    "--completed", "deep-dive", "--completed", "lead-training", "--approved",
                    "--readiness", "principles", "--readiness", "boundaries", "--readiness", "reflection"],
                   env=tenv, stdout=subprocess.DEVNULL, check=True)
    if args.type3_answers:
        with open(args.type3_answers, "rb") as f:
            answers = f.read()
        samples = []
        for i in range(max(5, args.runs // 3)):
            home = os.path.join(base, "t3-%d" % i)
            shutil.copytree(template, home)
            t0 = time.perf_counter()
            r = subprocess.run([mp, "start"], input=answers, env=dict(env, MICROPROJECT_HOME=home),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - t0)
            if r.returncode != 0:
                notes.append("the Type 3 microproject exited %d, not 0: check %s" % (r.returncode, args.type3_answers))
                break
        ms = statistics.median(samples) * 1000
        answered = answers.count(b"\n")
        rows.append(["Type 3 microproject, piped, start to closure", "%.0f ms" % ms, "%d lines typed" % answered,
                     "%.2f ms/line" % (ms / answered), "-", "(info)"])
    # A session of 5,000 events: ten answers then ten /back, 250 times, then the input ends (a pause).
    route = ["How mornings go", "no", "no", "no", "no", "no", "no", "2", "1, 2", "yes"]
    lines = (route + ["/back"] * len(route)) * 250
    home = os.path.join(base, "long")
    shutil.copytree(template, home)
    lenv = dict(env, MICROPROJECT_HOME=home)
    r = subprocess.run([mp, "run", "safety-check"], input=("\n".join(lines) + "\n").encode(), env=lenv,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    m = re.search(rb"continue ([a-z0-9]{6})", r.stdout)
    if not m:
        notes.append("could not make the 5,000-event session (exit %d)" % r.returncode)
        return rows
    sid = m.group(1).decode()
    show, help_ = [], []
    for _ in range(args.runs):
        for argv, bucket in (([mp, "show", sid], show), ([mp, "--help"], help_)):
            t0 = time.perf_counter()
            subprocess.run(argv, env=lenv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            bucket.append(time.perf_counter() - t0)
    s_ms, h_ms = statistics.median(show) * 1000, statistics.median(help_) * 1000
    rows.append(["show a 5,000-event session (whole program)", "%.2f ms" % s_ms, "--help %.2f ms" % h_ms,
                 "+%.2f ms" % (s_ms - h_ms), "< %g ms more" % REBUILD_TARGET_MS,
                 "PASS" if s_ms - h_ms < REBUILD_TARGET_MS else "over target"])
    shutil.rmtree(base, ignore_errors=True)
    return rows


def generated_interview(args, n, folder, notes):
    """Our script and the answers for a generated interview of n questions, with bench-peers' gen.py (the
    same interview the peers get) when it is there, else with the same mix made here. Returns the paths
    (script, answers, spec or None)."""
    os.makedirs(folder, exist_ok=True)
    script, answers, spec = (os.path.join(folder, f) for f in ("script.yml", "answers.txt", "spec.json"))
    gen = os.path.join(args.peers, "gen.py") if args.peers else ""
    if gen and os.path.exists(gen):
        for kind, out in (("ours", script), ("answers", answers), ("spec", spec)):
            subprocess.run([sys.executable, gen, str(n), kind, out], check=True)
        return script, answers, spec
    yaml, typed = builtin_interview(n)
    with open(script, "w") as f:
        f.write(yaml)
    with open(answers, "w") as f:
        f.write(typed)
    return script, answers, None


def builtin_interview(n):
    """bench-peers' mix without bench-peers: 40% short text, 20% yes/no, 20% one of four, 10% whole
    numbers in a range, 10% follow-ups asked only after a yes. Deterministic; every question is asked."""
    import random
    rng = random.Random(20261129)
    kinds = (["text"] * 4 + ["yesno"] * 2 + ["choice"] * 2 + ["number", "follow"]) * (n // 10 + 1)
    kinds = kinds[:n]
    rng.shuffle(kinds)
    words = ["calm", "busy", "bright", "slow", "friendly", "new", "small", "outdoors", "together", "hopeful"]
    labels = ["Never", "Sometimes", "Often", "Always"]
    out = ['script: generated-%d\nversion: "1"\ntitle: "Generated interview, %d questions"\n' % (n, n),
           'outcomes:\n  - id: done\n    title: Done\n    say: "Thank you."\n',
           "  - id: escalate\n    title: Stopped\n    say: Stopped here.\n",
           "concern:\n  outcome: escalate\n  guidance: Follow your procedures.\n", "nodes:\n"]
    typed, last_yes = [], None
    for i, kind in enumerate(kinds, start=1):
        qid = "q%d" % i
        if kind == "follow" and last_yes is None:
            kind = "text"
        if kind == "text":
            out.append('  - id: %s\n    ask: text\n    say: "What went well, part %d?"\n' % (qid, i))
            typed.append("%s %s" % (rng.choice(words), rng.choice(words)))
        elif kind == "yesno":
            out.append('  - id: %s\n    ask: yes-no\n    say: "Did part %d go ahead?"\n' % (qid, i))
            typed.append("yes")
            last_yes = qid
        elif kind == "choice":
            out.append("  - id: %s\n    ask: one-of\n    choices:\n" % qid
                       + "".join('      - %s: "%s"\n' % (lb.lower(), lb) for lb in labels)
                       + '    say: "How often, part %d?"\n' % i)
            typed.append(rng.choice(labels))
        elif kind == "number":
            out.append('  - id: %s\n    ask: number\n    whole: yes\n    min: 0\n    max: 50\n'
                       '    say: "How many came to part %d?"\n' % (qid, i))
            typed.append(str(rng.randint(0, 50)))
        else:
            out.append('  - id: %s\n    ask: text\n    when: %s == yes\n    say: "Tell us more about part %d."\n'
                       % (qid, last_yes, i))
            typed.append(rng.choice(words))
    out.append("  - id: end\n    stop: done\n")
    return "".join(out), "".join(t + "\n" for t in typed)


def timed_process(argv, env, stdin_path=None):
    """Wall seconds, exit status and peak memory (KB) of one process."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin_path:
            stdin.close()
    return wall, p.returncode, usage.ru_maxrss


def pty_latency(binary, script, answers_path, home):
    """Types each answer on a pseudo-terminal (libedit, as a person uses it) and times from the write to the
    next prompt (`>` at the end of the output): parse, engine, durable commit, rendering. As bench-peers'
    per_answer.py does. Returns the figures in ms, or a string saying what went wrong."""
    import pty
    import select
    with open(answers_path) as f:
        answers = f.read().splitlines()
    master, slave = pty.openpty()
    p = subprocess.Popen([binary, "run", script], stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                         env=dict(os.environ, MICROPROJECT_HOME=home, NO_COLOR="1", TERM="xterm"))
    os.close(slave)
    buf = b""

    def wait_prompt(timeout=10.0):
        nonlocal buf
        end = time.monotonic() + timeout
        while True:
            if buf.rstrip(b" ").endswith(b">"):
                buf = b""
                return True
            r, _, _ = select.select([master], [], [], max(0.0, end - time.monotonic()))
            if not r:
                return False
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            buf += chunk

    lat = []
    try:
        if not wait_prompt():
            return "no first prompt"
        for i, line in enumerate(answers):
            t = time.perf_counter()
            os.write(master, (line + "\r").encode())
            if not wait_prompt():
                if i == len(answers) - 1:
                    lat.append((time.perf_counter() - t) * 1000)  # the last answer ends the run
                    break
                return "no prompt after answer %d: %r" % (i + 1, buf[-200:])
            lat.append((time.perf_counter() - t) * 1000)
    finally:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        os.close(master)
    n, s = len(lat), sorted(lat)
    dec = max(1, n // 10)
    first, last = statistics.median(lat[:dec]), statistics.median(lat[-dec - 1:-1])
    return {"answers": n, "p50": statistics.median(lat), "p90": percentile(s, 90), "p99": percentile(s, 99),
            "max": s[-1], "first": first, "last": last, "drift": last / first}


def generated_rows(args, env, notes):
    """The generated interview of bench-peers (or the same mix made here): answering all of it, whole
    process, a durable commit per answer, beside docassemble's whole process on the same interview;
    checking it (lint) beside pyxform's whole-process conversion; and the time per answer on a
    pseudo-terminal over many answers, with its drift from the first answers to the last."""
    rows = []
    mp, n = args.microproject, args.size
    base = os.path.join(args.work, "generated")
    shutil.rmtree(base, ignore_errors=True)
    try:
        script, answers, spec = generated_interview(args, n, os.path.join(base, "n%d" % n), notes)
    except (OSError, subprocess.CalledProcessError) as e:
        notes.append("could not generate the %d-question interview (%s)" % (n, e))
        return rows
    peer_home = args.peer_home
    da_py = os.path.join(peer_home, "da-venv", "bin", "python") if peer_home else ""
    pyx_py = os.path.join(peer_home, "pyx-venv", "bin", "python") if peer_home else ""
    da_run = os.path.join(args.peers, "da_run.py") if args.peers else ""
    have_da = bool(spec and os.access(da_py, os.X_OK) and os.path.exists(da_run))
    xlsx = os.path.join(os.path.dirname(script), "form.xlsx")
    have_pyx = False
    if spec and os.access(pyx_py, os.X_OK):
        r = subprocess.run([pyx_py, os.path.join(args.peers, "gen.py"), str(n), "xlsform", xlsx],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        have_pyx = r.returncode == 0
    if not (have_da and have_pyx):
        notes.append("docassemble and pyxform: %s" % (
            "not found (run bench-peers' setup.sh and give BENCH_PEERS; see Scripts/bench)" if not spec
            else "the peers' venvs are not in %s (run %s/setup.sh)" % (peer_home or "?", args.peers)))

    # Answering all n, whole process: ours and docassemble interleaved, so a noisy spell hits both.
    ours, ours_kb, theirs, theirs_kb = [], [], [], []
    for i in range(args.peer_runs):
        home = os.path.join(base, "home-%d" % i)
        os.mkdir(home, 0o700)
        wall, rc, kb = timed_process([mp, "run", script], dict(env, MICROPROJECT_HOME=home), answers)
        shutil.rmtree(home, ignore_errors=True)
        if rc != 0:
            notes.append("answering the generated interview exited %d, not 0" % rc)
            break
        ours.append(wall)
        ours_kb.append(kb)
        if have_da:
            out = os.path.join(base, "da.json")
            with open(out, "wb") as f:
                t0 = time.perf_counter()
                p = subprocess.Popen([da_py, da_run, spec, answers, "--quiet"], stdin=subprocess.DEVNULL, stdout=f,
                                     stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(p.pid, 0)
                wall = time.perf_counter() - t0
            try:
                lines = [ln for ln in open(out).read().splitlines() if ln.strip()]
                data = json.loads(lines[-1]) if lines else {}
            except ValueError:
                data = {}
            if os.waitstatus_to_exitcode(status) != 0 or data.get("screens") != n or not data.get("order_ok"):
                notes.append("docassemble's run failed or went astray: left out of the ratio")
                have_da = False
            else:
                theirs.append(wall)
                theirs_kb.append(usage.ru_maxrss)
    if ours:
        o = statistics.median(ours) * 1000
        label = "answer all %d generated questions, whole process" % n
        if have_da and theirs:
            t = statistics.median(theirs) * 1000
            rows.append([label, "%.0f ms (%.0f MB)" % (o, statistics.median(ours_kb) / 1024),
                         "docassemble %.0f ms (%.0f MB)" % (t, statistics.median(theirs_kb) / 1024),
                         "%.1fx" % (t / o), ">= %gx" % WHOLE_TARGET, "PASS" if t / o >= WHOLE_TARGET else "under target"])
        else:
            rows.append([label, "%.0f ms" % o, "-", "-", "-", "(info)"])

    # Checking the script: our lint against pyxform's whole conversion of the same form.
    lint_env = dict(env, MICROPROJECT_HOME=os.path.join(base, "lint-home"))
    xls2xform = os.path.join(peer_home, "pyx-venv", "bin", "xls2xform") if peer_home else ""
    mine, peer = [], []
    for _ in range(max(7, args.peer_runs)):
        wall, rc, _ = timed_process([mp, "lint", script], lint_env)
        if rc != 0:
            notes.append("lint of the generated script exited %d" % rc)
            mine = []
            break
        mine.append(wall)
        if have_pyx:
            wall, rc, _ = timed_process([xls2xform, "--skip_validate", xlsx, os.path.join(base, "out.xml")], env)
            if rc == 0:
                peer.append(wall)
    if mine:
        o = statistics.median(mine) * 1000
        label = "lint the %d-question script, whole process" % n
        if peer:
            t = statistics.median(peer) * 1000
            rows.append([label, "%.1f ms" % o, "pyxform %.0f ms" % t, "%.1fx" % (t / o), ">= %gx" % LINT_TARGET,
                         "PASS" if t / o >= LINT_TARGET else "under target"])
        else:
            rows.append([label, "%.1f ms" % o, "-", "-", "-", "(info)"])

    # Per answer, as a person feels it: Enter to the next prompt on a pseudo-terminal.
    m = args.pty_answers
    try:
        script_m, answers_m, _ = generated_interview(args, m, os.path.join(base, "n%d" % m), notes)
    except (OSError, subprocess.CalledProcessError) as e:
        notes.append("could not generate the %d-question interview (%s)" % (m, e))
        return rows
    home = os.path.join(base, "pty-home")
    os.mkdir(home, 0o700)
    got = pty_latency(mp, script_m, answers_m, home)
    if isinstance(got, str):
        notes.append("per answer on a pseudo-terminal: %s" % got)
        return rows
    label = "per answer on a pty (%d answers)" % got["answers"]
    rows.append([label + ", p50", "%.2f ms" % got["p50"], "-", "-", "<= %g ms" % PTY_P50_MS,
                 "PASS" if got["p50"] <= PTY_P50_MS else "over target"])
    rows.append([label + ", p99", "%.2f ms" % got["p99"], "p90 %.2f ms" % got["p90"], "-", "<= %g ms" % PTY_P99_MS,
                 "PASS" if got["p99"] <= PTY_P99_MS else "over target"])
    rows.append([label + ", last decile", "%.2f ms" % got["last"], "first decile %.2f ms" % got["first"],
                 "%.2fx" % got["drift"], "<= %gx" % PTY_DRIFT, "PASS" if got["drift"] <= PTY_DRIFT else "drifts"])
    shutil.rmtree(base, ignore_errors=True)
    return rows


def ratio_row(label, value, ref_name, ref_value, target):
    if value is None or ref_value is None:
        return [label, "not measured", ref_name, "-", "-", "-"]
    ratio = value / ref_value
    if target is None:
        return [label, "%.2f ms" % value, "%s %.2f ms" % (ref_name, ref_value), "%.2fx" % ratio, "-", "(info)"]
    return [label, "%.2f ms" % value, "%s %.2f ms" % (ref_name, ref_value), "%.2fx" % ratio,
            "<= %gx" % target, "PASS" if ratio <= target else "over target"]


def percentile(sorted_values, p):
    rank = max(1, -(-len(sorted_values) * p // 100))  # nearest rank
    return sorted_values[int(min(rank, len(sorted_values))) - 1]


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip()
    print(line(header))
    print(line(["-" * w for w in widths]))
    for r in rows:
        print(line(r))


if __name__ == "__main__":
    sys.exit(main())
