"""Drawing the charts: one gnuplot script run in a private folder, each chart renamed into
place."""
import os
import shutil
import subprocess
import sys
import tempfile

from chart import WIDTH, text


def render(charts, out, formats, keep=None):
    """One gnuplot script for every chart, run in a private folder made in `out` (so that the
    charts are renamed into place on the same file system): the script, the data files and the
    charts there have names made here (plot.gp, d0.dat, c0.png, ...), so that no path that
    comes from outside is ever in the script. Each chart is renamed to out/NAME.EXT once all
    are drawn; the folder is removed whether gnuplot succeeds or fails, after the script and
    data files are copied into `keep` (--script) when given."""
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".plot-", dir=out)
    try:
        script, moves = [], []
        for ch in charts:
            script.append("reset session")
            for name, body in ch.blocks:
                with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                    f.write(body)
            for ext, term in (("png", f"pngcairo size {WIDTH},{ch.height} noenhanced "
                                      "font 'DejaVu Sans,10' background rgb 'white'"),
                              ("svg", f"svg size {WIDTH},{ch.height} noenhanced "
                                      "font 'DejaVu Sans,10' background rgb 'white'")):
                if ext not in formats:
                    continue
                drawn = f"c{len(moves)}.{ext}"
                moves.append((os.path.join(work, drawn), os.path.join(out, f"{ch.name}.{ext}")))
                script += [f"set terminal {term}", f"set output {text(drawn)}"]
                script += ch.cmds
                script.append("unset output")
        with open(os.path.join(work, "plot.gp"), "w", encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in ["plot.gp"] + [n for ch in charts for n, _ in ch.blocks]:
                shutil.copyfile(os.path.join(work, name), os.path.join(keep, name))
        try:
            r = subprocess.run(["gnuplot", "plot.gp"], cwd=work, capture_output=True, text=True,
                               errors="replace")
        except FileNotFoundError:
            raise RuntimeError("gnuplot is not installed (apt-get install gnuplot-nox)")
        if r.returncode != 0 or any(not os.path.exists(t) for t, _ in moves):
            sys.stderr.write(r.stderr)
            raise RuntimeError(f"gnuplot failed (exit {r.returncode}); its messages are above")
        for drawn, final in moves:
            os.replace(drawn, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [final for _, final in moves]
