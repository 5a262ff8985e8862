# SPDX-License-Identifier: Apache-2.0
# Draws bench/run.sh's results.csv as an SVG bar chart: for every program a
# group of horizontal bars, one per runtime other than native, whose length
# is the slowdown against native on a logarithmic axis; a last group with the
# geometric means; a legend with each runtime's geomean.
#
#   awk -F, -v title=... -v subtitle=... -f bench/chart.awk results.csv > chart.svg
#
# results.csv columns: program,runtime,median_s,slowdown,max_rss_kb,runs_ok
# (program GEOMEAN holds the geometric means).

function esc(s) {
  gsub(/&/, "\\&amp;", s)
  gsub(/</, "\\&lt;", s)
  gsub(/>/, "\\&gt;", s)
  return s
}

function fmt(v) { return v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v) }

# x coordinate of slowdown v on the log axis
function xpos(v) { return left + plot_w * (log(v) - log(xmin)) / (log(xmax) - log(xmin)) }

function color(rt, i) {
  if (rt == "ward") return "#d62728"
  if (rt == "node") return "#2ca02c"
  if (rt == "wasm3") return "#1f77b4"
  if (rt == "iwasm") return "#ff7f0e"
  return palette[(i - 1) % 4 + 1]
}

NR == 1 { next }
$2 == "native" { next }
{
  if (!($2 in rt_seen)) { rt_seen[$2] = 1; rts[++nrt] = $2 }
  if ($1 != "GEOMEAN" && !($1 in prog_seen)) { prog_seen[$1] = 1; progs[++nprog] = $1 }
  slow[$1 SUBSEP $2] = $4
  if ($4 != "") {
    if ($4 > vmax) vmax = $4
    if (vmin == "" || $4 < vmin) vmin = $4
  }
}

END {
  split("#9467bd #8c564b #e377c2 #7f7f7f", palette, " ")
  if (vmax == "") { vmax = 10; vmin = 1 }
  # Axis: from 1 (native) or the decade below the fastest, to the first
  # 1/2/5 x 10^k above the slowest.
  xmin = 1
  for (step = 0; vmin < xmin * 1.02; step++)  # 1, 0.5, 0.2, 0.1, 0.05, ...
    xmin *= step % 3 == 1 ? 0.4 : 0.5
  xmax = 1
  while (xmax < vmax * 1.02) {
    if (xmax * 2 >= vmax * 1.02) { xmax *= 2; break }
    if (xmax * 5 >= vmax * 1.02) { xmax *= 5; break }
    xmax *= 10
  }
  if (xmax <= xmin) xmax = xmin * 10

  width = 960; left = 150; right = 70; plot_w = width - left - right
  bar_h = 12; bar_gap = 2; group_gap = 14
  legend_y = 66
  top = legend_y + 22 * int((nrt + 2) / 3) + 24
  group_h = nrt * (bar_h + bar_gap) - bar_gap
  height = top + (nprog + 1) * (group_h + group_gap) + group_gap + 40

  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n", width, height, width, height
  printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
  printf "<text x=\"%d\" y=\"28\" font-size=\"18\" font-weight=\"bold\">%s</text>\n", 16, esc(title)
  printf "<text x=\"%d\" y=\"48\" font-size=\"12\" fill=\"#555\">%s</text>\n", 16, esc(subtitle)

  # Legend: a swatch and "runtime: geomean xN" per runtime, three a row.
  for (r = 1; r <= nrt; r++) {
    lx = 16 + ((r - 1) % 3) * 300; ly = legend_y + 22 * int((r - 1) / 3)
    g = slow["GEOMEAN" SUBSEP rts[r]]
    printf "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>\n", lx, ly, color(rts[r], r)
    printf "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s: geomean %s</text>\n", lx + 20, ly + 12, esc(rts[r]), (g == "" ? "n/a" : fmt(g) "×")
  }

  # Alternating group backgrounds, then the grid over them.
  for (p = 1; p <= nprog + 1; p++) {
    gy = top + (p - 1) * (group_h + group_gap) + group_gap / 2
    if (p == nprog + 1)
      printf "<rect x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#fff3e0\"/>\n", gy, width, group_h + group_gap
    else if (p % 2 == 0)
      printf "<rect x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>\n", gy, width, group_h + group_gap
  }
  grid_bottom = top + (nprog + 1) * (group_h + group_gap) + group_gap / 2
  for (d0 = 1; d0 > xmin * 1.0001; d0 /= 10) ;
  for (d = d0; d <= xmax * 1.0001; d *= 10) {
    split("1 2 5", mult, " ")
    for (m = 1; m <= 3; m++) {
      v = d * mult[m]
      if (v < xmin * 0.9999 || v > xmax * 1.0001) continue
      x = xpos(v)
      vlabel = v >= 1 ? sprintf("%g", v) : sprintf("%.2g", v)
      printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>\n", x, top - 4, x, grid_bottom, (v == 1 ? "#333" : m == 1 ? "#999" : "#ddd"), (v == 1 ? "1.5" : "1")
      printf "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%s×</text>\n", x, top - 8, vlabel
      printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%s×</text>\n", x, grid_bottom + 14, vlabel
    }
  }
  printf "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" fill=\"#444\">slowdown against native (time / native time; 1× = native speed)</text>\n", left + plot_w / 2, grid_bottom + 32

  # The bars.
  for (p = 1; p <= nprog + 1; p++) {
    prog = p <= nprog ? progs[p] : "GEOMEAN"
    gy = top + (p - 1) * (group_h + group_gap) + group_gap
    printf "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\"%s>%s</text>\n", left - 8, gy + group_h / 2 + 4, (prog == "GEOMEAN" ? " font-weight=\"bold\"" : ""), (prog == "GEOMEAN" ? "geomean" : esc(prog))
    for (r = 1; r <= nrt; r++) {
      by = gy + (r - 1) * (bar_h + bar_gap)
      v = slow[prog SUBSEP rts[r]]
      if (v == "") {
        printf "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#888\">%s: failed</text>\n", left + 4, by + bar_h - 2, esc(rts[r])
        continue
      }
      x0 = xpos(xmin); x1 = xpos(v)
      if (x1 - x0 < 1) x1 = x0 + 1
      printf "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s, %s: %s×</title></rect>\n", x0, by, x1 - x0, bar_h, color(rts[r], r), esc(prog), esc(rts[r]), fmt(v)
      printf "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#222\">%s×</text>\n", x1 + 4, by + bar_h - 2, fmt(v)
    }
  }
  printf "</svg>\n"
}
