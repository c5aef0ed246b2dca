/* posture-report-html.c: the HTML report
 *
 * One self-contained file: inline CSS, an inline SVG chart, no script, no external
 * reference (every href is a fragment inside the document; nothing is loaded), a
 * Content-Security-Policy that forbids scripts and remote loads should anything slip
 * through, print CSS and a dark scheme through prefers-color-scheme. Every string that
 * comes from the tenant, the user or a translation is escaped by append_text(); tenant
 * names are isolated with <bdi> so right-to-left text cannot reorder what surrounds it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-report-private.h"
#include "posture-labels.h"

/* Characters HTML forbids in a document (C0/C1 controls other than whitespace and the
 * noncharacters) would make it invalid; they become U+FFFD. */
static gboolean
is_forbidden (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r' && c != '\f';
  if (c >= 0x7f && c <= 0x9f)
    return TRUE;
  if (c >= 0xfdd0 && c <= 0xfdef)
    return TRUE;
  if ((c & 0xfffe) == 0xfffe)
    return TRUE;
  return FALSE;
}

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        case '\r':
          /* A character reference to CR is itself invalid HTML. */
          g_string_append_c (out, '\n');
          break;
        default:
          if (is_forbidden (c))
            g_string_append (out, "\xef\xbf\xbd");
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

/* Tenant-derived text, isolated for bidirectional layout. */
static void
append_bdi (GString    *out,
            const char *text)
{
  g_string_append (out, "<bdi>");
  append_text (out, text);
  g_string_append (out, "</bdi>");
}

static void
append_fmt (GString    *out,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

/* Formats, then escapes: for translated templates filled with numbers. */
static void
append_fmt (GString    *out,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  append_text (out, text);
}

/* An id attribute safe for any control id: [a-z0-9-] only. */
static char *
make_anchor (const char *prefix,
             const char *id)
{
  GString *anchor = g_string_new (prefix);

  for (const char *p = id; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (anchor, g_ascii_tolower (*p));
      else
        g_string_append_c (anchor, '-');
    }

  return g_string_free (anchor, FALSE);
}

/* A time as the app shows it, in the local time zone the header names once. */
static void
append_time (GString   *out,
             GDateTime *when)
{
  g_autofree char *iso = _posture_report_format_iso8601 (when);
  g_autofree char *shown = posture_format_date_time (when);

  if (when == NULL)
    {
      append_text (out, _("Unknown"));
      return;
    }

  g_string_append_printf (out, "<time datetime=\"%s\">", iso);
  append_text (out, shown);
  g_string_append (out, "</time>");
}

static const char *
status_class (PostureStatus status)
{
  switch (status)
    {
    case POSTURE_STATUS_PASS:           return "pass";
    case POSTURE_STATUS_FAIL:           return "fail";
    case POSTURE_STATUS_PARTIAL:        return "partial";
    case POSTURE_STATUS_NOT_APPLICABLE: return "na";
    case POSTURE_STATUS_UNKNOWN:        return "unknown";
    case POSTURE_STATUS_MANUAL:         return "manual";
    default:                            return "unknown";
    }
}

/* The classes of results and levels are their nicks: pass, fail, unknown; low, …, high. */
static const char *
result_class (PostureResult result)
{
  return posture_result_to_string (result);
}

static const char *
level_class (PostureLevel level)
{
  return posture_level_to_string (level);
}

/* The document language from the message locale: "de_DE.UTF-8" gives "de-DE". */
static char *
document_language (void)
{
  const char * const *names = g_get_language_names ();
  GString *lang = g_string_new (NULL);
  const char *name = names != NULL && names[0] != NULL ? names[0] : "C";

  if (g_str_equal (name, "C") || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX"))
    name = "en";

  for (const char *p = name; *p != '\0' && *p != '.' && *p != '@'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (lang, *p);
      else if (*p == '_' || *p == '-')
        g_string_append_c (lang, '-');
    }

  if (lang->len == 0)
    g_string_append (lang, "en");

  return g_string_free (lang, FALSE);
}

static const char stylesheet[] =
  ":root{color-scheme:light dark;--fg:#1e1e1e;--bg:#ffffff;--muted:#5e5c64;"
  "--border:#deddda;--head:#f6f5f4;--accent:#1c71d8;--pass:#1b7a45;--fail:#c01c28;"
  "--partial:#9c4a00;--unknown:#5e5c64;--band-low:rgba(224,27,36,.10);"
  "--band-medium:rgba(229,165,10,.12);--band-high:rgba(46,194,126,.12);--line:#1c71d8}\n"
  "@media (prefers-color-scheme:dark){:root{--fg:#ffffff;--bg:#242424;--muted:#c0bfbc;"
  "--border:#4a4a4a;--head:#303030;--accent:#78aeed;--pass:#8ff0a4;--fail:#ff7b63;"
  "--partial:#ffbe6f;--unknown:#c0bfbc;--band-low:rgba(246,97,81,.18);"
  "--band-medium:rgba(248,228,92,.14);--band-high:rgba(87,227,137,.14);--line:#78aeed}}\n"
  "body{font:15px/1.5 Cantarell,\"Noto Sans\",\"DejaVu Sans\",sans-serif;color:var(--fg);"
  "background:var(--bg);margin:0 auto;max-width:64rem;padding:1.5rem}\n"
  "h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.35rem;margin-top:2rem;"
  "border-bottom:1px solid var(--border);padding-bottom:.25rem}h3{font-size:1.1rem;margin:0}\n"
  "a{color:var(--accent)}dl.facts{display:grid;grid-template-columns:max-content 1fr;"
  "gap:.15rem 1rem;margin:.75rem 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}\n"
  "table{border-collapse:collapse;width:100%;margin:.75rem 0}caption{text-align:start;"
  "font-weight:bold;padding:.25rem 0}th,td{border:1px solid var(--border);padding:.3rem .5rem;"
  "text-align:start;vertical-align:top;overflow-wrap:anywhere}thead th{background:var(--head)}\n"
  "td.num{text-align:end;font-variant-numeric:tabular-nums}\n"
  ".score{font-size:2.6rem;font-weight:bold;margin:.25rem 0}\n"
  ".pass{color:var(--pass)}.fail{color:var(--fail)}.partial{color:var(--partial)}"
  ".unknown,.na,.manual{color:var(--unknown)}.high{color:var(--pass)}.medium{color:var(--partial)}"
  ".low{color:var(--fail)}.status{font-weight:bold}\n"
  "article.control{border:1px solid var(--border);border-radius:.5rem;padding:1rem;margin:1rem 0}\n"
  "article.control p.meta{color:var(--muted);margin:.25rem 0}blockquote{margin:.5rem 0;"
  "padding:.25rem .75rem;border-inline-start:3px solid var(--border);white-space:pre-wrap}\n"
  "figure{margin:1rem 0}svg.chart{width:100%;height:auto;max-height:20rem}"
  "svg .band-low{fill:var(--band-low)}svg .band-medium{fill:var(--band-medium)}"
  "svg .band-high{fill:var(--band-high)}svg .axis{stroke:var(--border)}"
  "svg .line{fill:none;stroke:var(--line);stroke-width:2}svg .pt{fill:var(--line)}"
  "svg text{fill:var(--muted);font-size:12px}\n"
  "footer{margin-top:2rem;color:var(--muted);font-size:.9rem}\n"
  "@media print{:root{--fg:#000;--bg:#fff;--muted:#333;--border:#999;--head:#eee}"
  "body{max-width:none;padding:0;font-size:11pt}nav{display:none}"
  "article.control,figure,tr{break-inside:avoid}h2,h3{break-after:avoid}"
  "a{color:inherit;text-decoration:none}details>*{display:block}}\n";

/* Header and score --------------------------------------------------------------------- */

static void
append_header (GString           *out,
               PostureAssessment *assessment,
               PostureSnapshot   *snapshot)
{
  const char *name = posture_assessment_get_tenant_name (assessment);
  const char *tenant_id = posture_assessment_get_tenant_id (assessment);

  g_string_append (out, "<header>\n<h1>");
  append_text (out, _("Security posture report"));
  g_string_append (out, "</h1>\n<p class=\"tenant\">");
  append_bdi (out, name != NULL && name[0] != '\0' ? name : tenant_id);
  g_string_append (out, "</p>\n<dl class=\"facts\">\n<dt>");
  append_text (out, _("Tenant ID"));
  g_string_append (out, "</dt><dd>");
  append_bdi (out, tenant_id);
  g_string_append (out, "</dd>\n<dt>");
  append_text (out, _("Assessed"));
  g_string_append (out, "</dt><dd>");
  append_time (out, posture_assessment_get_assessed_at (assessment));
  g_string_append (out, "</dd>\n<dt>");
  append_text (out, _("Configuration read"));
  g_string_append (out, "</dt><dd>");
  append_time (out, posture_assessment_get_captured_at (assessment));
  g_string_append (out, "</dd>\n<dt>");
  append_text (out, _("Time zone"));
  g_string_append (out, "</dt><dd>");
  {
    /* Said once; every time in the report is in it. */
    GDateTime *assessed_at = posture_assessment_get_assessed_at (assessment);
    g_autofree char *zone = posture_format_time_zone (assessed_at);

    append_text (out, zone);
  }
  g_string_append (out, "</dd>\n<dt>");
  append_text (out, _("Profile"));
  g_string_append (out, "</dt><dd>");
  append_text (out, posture_profile_label (posture_assessment_get_profile (assessment)));
  g_string_append (out, "</dd>\n");
  if (snapshot != NULL && posture_snapshot_get_cloud (snapshot) != NULL)
    {
      g_string_append (out, "<dt>");
      append_text (out, _("Cloud"));
      g_string_append (out, "</dt><dd>");
      append_bdi (out, posture_cloud_label (posture_snapshot_get_cloud (snapshot)));
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n</header>\n");

  g_string_append (out, "<nav aria-label=\"");
  append_text (out, _("Sections"));
  g_string_append (out, "\"><ul>\n");
  {
    static const struct { const char *anchor; const char *label; } sections[] = {
      { "score", N_("Score") },
      { "recommendations", N_("Recommendations") },
      { "controls", N_("Controls") },
      { "warnings", N_("Warnings") },
      { "sources", N_("What was read") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      {
        g_string_append_printf (out, "<li><a href=\"#%s\">", sections[i].anchor);
        append_text (out, _(sections[i].label));
        g_string_append (out, "</a></li>\n");
      }
  }
  g_string_append (out, "</ul></nav>\n");
}

static void
append_score (GString           *out,
              PostureAssessment *assessment)
{
  PostureScore score;
  PostureScore planned;
  g_autofree char *percent = NULL;
  g_autofree char *planned_percent = NULL;

  posture_assessment_get_score (assessment, &score);
  posture_assessment_get_planned_score (assessment, &planned);
  percent = posture_format_percent (score.percent);
  planned_percent = posture_format_percent (planned.percent);

  g_string_append (out, "<section id=\"score\" aria-labelledby=\"score-heading\">\n"
                        "<h2 id=\"score-heading\">");
  append_text (out, _("Score"));
  g_string_append_printf (out, "</h2>\n<p class=\"score %s\">", level_class (score.level));
  append_text (out, percent);
  g_string_append (out, "</p>\n<dl class=\"facts\">\n<dt>");
  append_text (out, _("Level"));
  g_string_append_printf (out, "</dt><dd class=\"status %s\">", level_class (score.level));
  append_text (out, posture_level_label (score.level));
  g_string_append (out, "</dd>\n<dt>");
  append_text (out, _("Points"));
  g_string_append (out, "</dt><dd>");
  /* Translators: points earned out of points possible */
  append_fmt (out, _("%u of %u"), score.earned, score.possible);
  g_string_append (out, "</dd>\n");
  if (planned.percent >= 0 && planned.percent != score.percent)
    {
      g_string_append (out, "<dt>");
      append_text (out, _("With planned fixes"));
      g_string_append (out, "</dt><dd>");
      append_text (out, planned_percent);
      g_string_append (out, " (");
      append_text (out, posture_level_label (planned.level));
      g_string_append (out, ")</dd>\n");
    }
  g_string_append (out, "</dl>\n");
}

/* History chart ------------------------------------------------------------------------ */

typedef struct
{
  gint64 time;   /* unix seconds */
  double percent;
} Point;

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *pa = a;
  const Point *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

static gboolean
read_point (GObject *item,
            Point   *point)
{
  static const char * const time_names[] = { "assessed-at", "time" };
  GObjectClass *klass = G_OBJECT_GET_CLASS (item);
  GParamSpec *pspec;
  g_autoptr(GDateTime) when = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (time_names) && when == NULL; i++)
    {
      pspec = g_object_class_find_property (klass, time_names[i]);
      if (pspec != NULL && pspec->value_type == G_TYPE_DATE_TIME)
        g_object_get (item, time_names[i], &when, NULL);
    }

  pspec = g_object_class_find_property (klass, "percent");
  if (when == NULL || pspec == NULL || pspec->value_type != G_TYPE_DOUBLE)
    return FALSE;

  g_object_get (item, "percent", &point->percent, NULL);
  point->time = g_date_time_to_unix (when);
  return point->percent >= 0 && point->percent <= 100;
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* SVG numbers always use a dot, whatever the locale. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", value));
}

static char *
format_point_day (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) when = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return posture_format_date (when);
}

static void
append_history (GString           *out,
                PostureAssessment *assessment,
                GListModel        *history)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  const double width = 720, height = 260, left = 44, right = 16, top = 12, bottom = 36;
  const double pw = width - left - right, ph = height - top - bottom;
  static const struct { double from, to; const char *klass; } bands[] = {
    { 0, 50, "band-low" }, { 50, 80, "band-medium" }, { 80, 100, "band-high" },
  };
  static const double ticks[] = { 0, 50, 80, 100 };
  guint n = g_list_model_get_n_items (history);
  GDateTime *now_time = posture_assessment_get_assessed_at (assessment);
  PostureScore score;
  gboolean has_current = FALSE;
  double lowest = 101, highest = -1;
  gint64 tmin, tmax;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *lowest_text = NULL;
  g_autofree char *highest_text = NULL;
  g_autofree char *latest_text = NULL;

  /* No history yet: no chart (one point says nothing about a trend). */
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (history, i);
      Point point;

      if (item != NULL && read_point (item, &point))
        g_array_append_val (points, point);
    }

  /* The chart ends at this assessment, whether or not the history has it yet. */
  posture_assessment_get_score (assessment, &score);
  for (guint i = 0; i < points->len && now_time != NULL; i++)
    has_current |= g_array_index (points, Point, i).time == g_date_time_to_unix (now_time);
  if (!has_current && now_time != NULL && score.percent >= 0)
    {
      Point point = { g_date_time_to_unix (now_time), score.percent };

      g_array_append_val (points, point);
    }

  if (points->len == 0)
    return;

  g_array_sort (points, compare_points);
  tmin = g_array_index (points, Point, 0).time;
  tmax = g_array_index (points, Point, points->len - 1).time;
  for (guint i = 0; i < points->len; i++)
    {
      lowest = MIN (lowest, g_array_index (points, Point, i).percent);
      highest = MAX (highest, g_array_index (points, Point, i).percent);
    }
  first_day = format_point_day (tmin);
  last_day = format_point_day (tmax);
  lowest_text = posture_format_percent (lowest);
  highest_text = posture_format_percent (highest);
  latest_text = posture_format_percent (g_array_index (points, Point, points->len - 1).percent);

  g_string_append (out, "<h3 id=\"history-heading\">");
  append_text (out, _("Score history"));
  g_string_append (out, "</h3>\n<figure>\n<svg class=\"chart\" "
                        "viewBox=\"0 0 720 260\" role=\"img\" "
                        "aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">");
  append_text (out, _("Score history"));
  g_string_append (out, "</title>\n<desc id=\"chart-desc\">");
  append_fmt (out,
              g_dngettext (GETTEXT_PACKAGE,
                           "%u assessment from %s to %s; lowest %s, highest %s, latest %s.",
                           "%u assessments from %s to %s; lowest %s, highest %s, latest %s.",
                           points->len),
              points->len, first_day, last_day, lowest_text, highest_text, latest_text);
  g_string_append (out, "</desc>\n");

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      g_string_append_printf (out, "<rect class=\"%s\" x=\"", bands[i].klass);
      append_number (out, left);
      g_string_append (out, "\" y=\"");
      append_number (out, top + (100 - bands[i].to) / 100 * ph);
      g_string_append (out, "\" width=\"");
      append_number (out, pw);
      g_string_append (out, "\" height=\"");
      append_number (out, (bands[i].to - bands[i].from) / 100 * ph);
      g_string_append (out, "\"/>\n");
    }

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      double y = top + (100 - ticks[i]) / 100 * ph;

      g_string_append (out, "<line class=\"axis\" x1=\"");
      append_number (out, left);
      g_string_append (out, "\" x2=\"");
      append_number (out, left + pw);
      g_string_append (out, "\" y1=\"");
      append_number (out, y);
      g_string_append (out, "\" y2=\"");
      append_number (out, y);
      g_string_append (out, "\"/>\n<text text-anchor=\"end\" x=\"");
      append_number (out, left - 6);
      g_string_append (out, "\" y=\"");
      append_number (out, y + 4);
      g_string_append_printf (out, "\">%d</text>\n", (int) ticks[i]);
    }

  g_string_append (out, "<text x=\"");
  append_number (out, left);
  g_string_append (out, "\" y=\"");
  append_number (out, height - 10);
  g_string_append (out, "\">");
  append_text (out, first_day);
  g_string_append (out, "</text>\n<text text-anchor=\"end\" x=\"");
  append_number (out, left + pw);
  g_string_append (out, "\" y=\"");
  append_number (out, height - 10);
  g_string_append (out, "\">");
  append_text (out, last_day);
  g_string_append (out, "</text>\n<polyline class=\"line\" points=\"");

  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      double x = tmax > tmin ? left + (double) (point->time - tmin) / (double) (tmax - tmin) * pw
                             : left + pw / 2;
      double y = top + (100 - point->percent) / 100 * ph;

      if (i > 0)
        g_string_append_c (out, ' ');
      append_number (out, x);
      g_string_append_c (out, ',');
      append_number (out, y);
    }
  g_string_append (out, "\"/>\n");

  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      double x = tmax > tmin ? left + (double) (point->time - tmin) / (double) (tmax - tmin) * pw
                             : left + pw / 2;
      double y = top + (100 - point->percent) / 100 * ph;
      g_autofree char *day = format_point_day (point->time);
      g_autofree char *value = posture_format_percent (point->percent);

      g_string_append (out, "<circle class=\"pt\" r=\"3.5\" cx=\"");
      append_number (out, x);
      g_string_append (out, "\" cy=\"");
      append_number (out, y);
      g_string_append (out, "\"><title>");
      append_text (out, day);
      g_string_append (out, ": ");
      append_text (out, value);
      g_string_append (out, "</title></circle>\n");
    }
  g_string_append (out, "</svg>\n<figcaption>");
  append_fmt (out,
              g_dngettext (GETTEXT_PACKAGE,
                           "%u assessment from %s to %s; lowest %s, highest %s, latest %s.",
                           "%u assessments from %s to %s; lowest %s, highest %s, latest %s.",
                           points->len),
              points->len, first_day, last_day, lowest_text, highest_text, latest_text);
  g_string_append (out, "</figcaption>\n</figure>\n<details>\n<summary>");
  append_text (out, _("Values"));
  g_string_append (out, "</summary>\n<table>\n<caption>");
  append_text (out, _("Score of each assessment"));
  g_string_append (out, "</caption>\n<thead><tr><th scope=\"col\">");
  append_text (out, _("Date"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_text (out, _("Score"));
  g_string_append (out, "</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (point->time);
      g_autofree char *value = posture_format_percent (point->percent);

      g_string_append (out, "<tr><td>");
      append_time (out, when);
      g_string_append (out, "</td><td class=\"num\">");
      append_text (out, value);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</details>\n");
}

/* Recommendations and controls ------------------------------------------------------- */

static void
append_control_link (GString              *out,
                     PostureControlResult *result)
{
  g_autofree char *anchor = make_anchor ("control-", posture_control_result_get_id (result));
  PostureControl *control = posture_control_result_get_control (result);

  g_string_append_printf (out, "<a href=\"#%s\">", anchor);
  append_text (out, posture_control_get_title (control));
  g_string_append (out, "</a>");
}

static void
append_decision_cell (GString         *out,
                      PostureDecision *decision)
{
  append_text (out, posture_decision_label (decision != NULL ?
                                                    posture_decision_get_status (decision) :
                                                    POSTURE_DECISION_TO_ADDRESS));
}

static void
append_recommendations (GString           *out,
                        PostureAssessment *assessment)
{
  g_autoptr(GPtrArray) items = _posture_report_action_items (assessment);

  g_string_append (out, "<section id=\"recommendations\" "
                        "aria-labelledby=\"recommendations-heading\">\n"
                        "<h2 id=\"recommendations-heading\">");
  append_text (out, _("Recommendations"));
  g_string_append (out, "</h2>\n");

  if (items->len == 0)
    {
      g_string_append (out, "<p>");
      append_text (out, _("No control fails: there is nothing to fix."));
      g_string_append (out, "</p>\n</section>\n");
      return;
    }

  g_string_append (out, "<table>\n<caption>");
  append_text (out, _("Failing and partial controls, highest priority first"));
  g_string_append (out, "</caption>\n<thead><tr>");
  {
    const char *columns[] = {
      _("Control"), _("Severity"), _("Status"), _("Affected"), _("Score gain"), _("Decision"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_string_append (out, "<th scope=\"col\">");
        append_text (out, columns[i]);
        g_string_append (out, "</th>");
      }
  }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint i = 0; i < items->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (items, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureStatus status = posture_control_result_get_status (result);
      GListModel *resources = posture_control_result_get_resources (result);
      guint n_resources = resources != NULL ? g_list_model_get_n_items (resources) : 0;

      g_string_append (out, "<tr><td>");
      append_control_link (out, result);
      g_string_append (out, "</td><td>");
      append_text (out, posture_severity_label (posture_control_get_severity (control)));
      g_string_append_printf (out, "</td><td class=\"status %s\">", status_class (status));
      append_text (out, posture_status_label (status));
      g_string_append (out, "</td><td class=\"num\">");
      /* Translators: failing resources out of all resources of a control */
      append_fmt (out, _("%u of %u"), posture_control_result_get_n_fail (result), n_resources);
      g_string_append (out, "</td><td class=\"num\">");
      {
        g_autofree char *gain = posture_format_gain (posture_control_result_get_gain (result));

        append_text (out, gain);
      }
      g_string_append (out, "</td><td>");
      append_decision_cell (out, posture_control_result_get_decision (result));
      g_string_append (out, "</td></tr>\n");
    }

  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

static void
append_fact (GString    *out,
             const char *label,
             const char *value,
             gboolean    tenant_text)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append (out, "<dt>");
  append_text (out, label);
  g_string_append (out, "</dt><dd>");
  if (tenant_text)
    append_bdi (out, value);
  else
    append_text (out, value);
  g_string_append (out, "</dd>\n");
}

static void
append_decision (GString         *out,
                 PostureDecision *decision)
{
  g_autofree char *due = NULL;
  const char *note;

  if (decision == NULL)
    return;

  due = posture_decision_get_due (decision) != NULL ?
        posture_format_date (posture_decision_get_due (decision)) : NULL;
  note = posture_decision_get_note (decision);

  g_string_append (out, "<h4>");
  append_text (out, _("Decision"));
  g_string_append (out, "</h4>\n<dl class=\"facts\">\n");
  append_fact (out, _("Status"),
               posture_decision_label (posture_decision_get_status (decision)), FALSE);
  append_fact (out, _("Owner"), posture_decision_get_owner (decision), TRUE);
  append_fact (out, _("Planned date"), due, FALSE);
  append_fact (out, _("Decided by"), posture_decision_get_author (decision), TRUE);
  if (posture_decision_get_updated_at (decision) != NULL)
    {
      g_string_append (out, "<dt>");
      append_text (out, _("Updated"));
      g_string_append (out, "</dt><dd>");
      append_time (out, posture_decision_get_updated_at (decision));
      g_string_append (out, "</dd>\n");
    }
  append_fact (out, _("Applies to"), posture_decision_get_resource_id (decision), TRUE);
  g_string_append (out, "</dl>\n");

  if (note != NULL && note[0] != '\0')
    {
      g_string_append (out, "<blockquote dir=\"auto\">");
      append_text (out, note);
      g_string_append (out, "</blockquote>\n");
    }
}

static PostureDecision *
lookup_resource_decision (GHashTable            *resource_decisions,
                          PostureControlResult  *result,
                          PostureResourceResult *resource)
{
  g_autofree char *key = NULL;

  if (g_hash_table_size (resource_decisions) == 0)
    return NULL;

  key = g_strdup_printf ("%s/%s", posture_control_result_get_id (result),
                         posture_resource_result_get_id (resource));
  return g_hash_table_lookup (resource_decisions, key);
}

static void
append_resources (GString              *out,
                  PostureControlResult *result,
                  GHashTable           *resource_decisions)
{
  GListModel *resources = posture_control_result_get_resources (result);
  guint n = resources != NULL ? g_list_model_get_n_items (resources) : 0;
  PostureControl *control = posture_control_result_get_control (result);
  gboolean with_decisions = FALSE;

  if (n == 0)
    return;

  /* A decision column only when someone decided on a single resource of this control. */
  for (guint i = 0; i < n && !with_decisions && g_hash_table_size (resource_decisions) > 0; i++)
    {
      g_autoptr(PostureResourceResult) resource = g_list_model_get_item (resources, i);

      with_decisions = lookup_resource_decision (resource_decisions, result, resource) != NULL;
    }

  g_string_append (out, "<table>\n<caption>");
  /* Translators: %s is a control's title */
  append_fmt (out, _("Resources checked by “%s”"), posture_control_get_title (control));
  g_string_append (out, "</caption>\n<thead><tr>");
  {
    const char *columns[] = { _("Name"), _("ID"), _("Type"), _("Result"), _("Reason") };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_string_append (out, "<th scope=\"col\">");
        append_text (out, columns[i]);
        g_string_append (out, "</th>");
      }
    if (with_decisions)
      {
        g_string_append (out, "<th scope=\"col\">");
        append_text (out, _("Decision"));
        g_string_append (out, "</th>");
      }
  }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureResourceResult) resource = g_list_model_get_item (resources, i);
      PostureResult status = posture_resource_result_get_status (resource);

      g_string_append (out, "<tr><th scope=\"row\">");
      append_bdi (out, posture_resource_result_get_name (resource));
      g_string_append (out, "</th><td>");
      append_bdi (out, posture_resource_result_get_id (resource));
      g_string_append (out, "</td><td>");
      append_bdi (out, posture_resource_result_get_environment_type (resource));
      g_string_append_printf (out, "</td><td class=\"status %s\">", result_class (status));
      append_text (out, posture_result_label (status));
      g_string_append (out, "</td><td>");
      append_text (out, posture_resource_result_get_reason (resource));
      if (with_decisions)
        {
          PostureDecision *own = lookup_resource_decision (resource_decisions, result, resource);

          g_string_append (out, "</td><td>");
          if (own != NULL)
            {
              const char *note = posture_decision_get_note (own);

              append_text (out, posture_decision_label (posture_decision_get_status (own)));
              if (note != NULL && note[0] != '\0')
                {
                  g_string_append (out, ": <bdi>");
                  append_text (out, note);
                  g_string_append (out, "</bdi>");
                }
            }
        }
      g_string_append (out, "</td></tr>\n");
    }

  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_control (GString              *out,
                PostureControlResult *result,
                GHashTable           *resource_decisions)
{
  PostureControl *control = posture_control_result_get_control (result);
  PostureStatus status = posture_control_result_get_status (result);
  g_autofree char *anchor = make_anchor ("control-", posture_control_result_get_id (result));
  const char * const *steps = posture_control_get_remediation (control);
  const char *scuba = posture_control_get_scuba_id (control);
  const char *evidence = posture_control_result_get_evidence (result);
  g_autofree char *scuba_text = NULL;

  if (scuba != NULL && posture_control_get_scuba_requirement (control) != NULL)
    scuba_text = g_strdup_printf ("%s (%s)", scuba,
                                  posture_control_get_scuba_requirement (control));
  else if (scuba != NULL)
    scuba_text = g_strdup (scuba);

  g_string_append_printf (out, "<article class=\"control\" id=\"%s\" aria-labelledby=\"%s-h\">\n"
                               "<h3 id=\"%s-h\">", anchor, anchor, anchor);
  append_text (out, posture_control_get_title (control));
  g_string_append (out, "</h3>\n<p class=\"meta\">");
  append_text (out, posture_control_result_get_id (result));
  g_string_append (out, " · ");
  /* Translators: %s is High, Medium or Low */
  append_fmt (out, _("%s severity"),
              posture_severity_label (posture_control_get_severity (control)));
  g_string_append (out, " · ");
  append_text (out, posture_control_get_scope (control) == POSTURE_SCOPE_TENANT ?
                    _("Tenant control") : _("Environment control"));
  g_string_append_printf (out, "</p>\n<p><span class=\"status %s\">", status_class (status));
  append_text (out, posture_status_label (status));
  g_string_append (out, "</span>");
  if (!posture_control_get_manual (control))
    {
      g_string_append (out, " — ");
      /* Translators: points earned out of points possible */
      append_fmt (out, _("%u of %u points"), posture_control_result_get_earned (result),
                  posture_control_result_get_possible (result));
    }
  g_string_append (out, "</p>\n<p>");
  append_text (out, posture_control_get_description (control));
  g_string_append (out, "</p>\n");

  if (posture_control_get_rationale (control) != NULL)
    {
      g_string_append (out, "<p>");
      append_text (out, posture_control_get_rationale (control));
      g_string_append (out, "</p>\n");
    }

  if (evidence != NULL && evidence[0] != '\0')
    {
      g_string_append (out, "<h4>");
      append_text (out, _("Evidence"));
      g_string_append (out, "</h4>\n<blockquote dir=\"auto\">");
      append_text (out, evidence);
      g_string_append (out, "</blockquote>\n");
    }

  append_resources (out, result, resource_decisions);

  g_string_append (out, "<h4>");
  append_text (out, _("References"));
  g_string_append (out, "</h4>\n<dl class=\"facts\">\n");
  append_fact (out, _("CISA SCuBA"), scuba_text, FALSE);
  append_fact (out, _("Admin center"), posture_control_get_ppac_name (control), FALSE);
  append_fact (out, _("Zero Trust"),
               posture_principle_label (posture_control_get_principle (control)), FALSE);
  append_fact (out, _("Well-Architected"), posture_control_get_waf_code (control), FALSE);
  g_string_append (out, "</dl>\n");

  append_decision (out, posture_control_result_get_decision (result));

  if (steps != NULL && steps[0] != NULL &&
      status != POSTURE_STATUS_PASS && status != POSTURE_STATUS_NOT_APPLICABLE)
    {
      g_string_append (out, "<h4>");
      append_text (out, _("How to fix"));
      g_string_append (out, "</h4>\n<ol>\n");
      for (guint i = 0; steps[i] != NULL; i++)
        {
          g_string_append (out, "<li>");
          append_text (out, steps[i]);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ol>\n");
    }

  g_string_append (out, "</article>\n");
}

static void
append_controls (PostureReportSink *sink,
                 PostureAssessment *assessment)
{
  GString *out = sink->buffer;
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint n = controls != NULL ? g_list_model_get_n_items (controls) : 0;
  g_autoptr(GHashTable) resource_decisions = _posture_report_resource_decisions (assessment);

  g_string_append (out, "<section id=\"controls\" aria-labelledby=\"controls-heading\">\n"
                        "<h2 id=\"controls-heading\">");
  append_text (out, _("Controls"));
  g_string_append (out, "</h2>\n<table>\n<caption>");
  append_text (out, _("Every control assessed, in catalog order"));
  g_string_append (out, "</caption>\n<thead><tr>");
  {
    const char *columns[] = {
      _("Control"), _("Severity"), _("Status"), _("Points"), _("Decision"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_string_append (out, "<th scope=\"col\">");
        append_text (out, columns[i]);
        g_string_append (out, "</th>");
      }
  }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureStatus status = posture_control_result_get_status (result);

      g_string_append (out, "<tr><td>");
      append_control_link (out, result);
      g_string_append (out, "</td><td>");
      append_text (out, posture_severity_label (posture_control_get_severity (control)));
      g_string_append_printf (out, "</td><td class=\"status %s\">", status_class (status));
      append_text (out, posture_status_label (status));
      g_string_append (out, "</td><td class=\"num\">");
      if (!posture_control_get_manual (control))
        append_fmt (out, _("%u of %u"), posture_control_result_get_earned (result),
                    posture_control_result_get_possible (result));
      g_string_append (out, "</td><td>");
      if (posture_control_result_get_decision (result) != NULL)
        append_decision_cell (out, posture_control_result_get_decision (result));
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);

      append_control (out, result, resource_decisions);
      if (!_posture_report_sink_flush (sink, FALSE))
        return;
    }

  g_string_append (out, "</section>\n");
}

/* Warnings and sources ------------------------------------------------------------------ */

static void
append_warnings (GString           *out,
                 PostureAssessment *assessment)
{
  const char * const *warnings = posture_assessment_get_warnings (assessment);

  g_string_append (out, "<section id=\"warnings\" aria-labelledby=\"warnings-heading\">\n"
                        "<h2 id=\"warnings-heading\">");
  append_text (out, _("Warnings"));
  g_string_append (out, "</h2>\n");

  if (warnings == NULL || warnings[0] == NULL)
    {
      g_string_append (out, "<p>");
      append_text (out, _("None: every source was read."));
      g_string_append (out, "</p>\n");
    }
  else
    {
      g_string_append (out, "<ul>\n");
      for (guint i = 0; warnings[i] != NULL; i++)
        {
          g_string_append (out, "<li dir=\"auto\">");
          append_text (out, warnings[i]);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
append_source_row (GString    *out,
                   const char *source,
                   const char *what)
{
  g_string_append (out, "<tr><th scope=\"row\">");
  append_text (out, source);
  g_string_append (out, "</th><td>");
  append_text (out, what);
  g_string_append (out, "</td></tr>\n");
}

static void
append_sources (GString         *out,
                PostureSnapshot *snapshot)
{
  PostureReportSources sources;
  g_autofree char *settings = NULL;
  g_autofree char *environments = NULL;
  g_autofree char *dlp = NULL;
  g_autofree char *dataverse = NULL;
  g_autofree char *isolation = NULL;

  g_string_append (out, "<section id=\"sources\" aria-labelledby=\"sources-heading\">\n"
                        "<h2 id=\"sources-heading\">");
  append_text (out, _("What was read"));
  g_string_append (out, "</h2>\n");

  if (snapshot == NULL)
    {
      g_string_append (out, "<p>");
      append_text (out, _("The configuration this assessment was made from is not part of "
                          "this report."));
      g_string_append (out, "</p>\n</section>\n");
      return;
    }

  _posture_report_sources_init (&sources, snapshot);

  settings = sources.has_tenant_settings ?
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u setting", "%u settings",
                                  sources.n_tenant_settings), sources.n_tenant_settings) :
    g_strdup (_("Not read"));

  switch (sources.isolation)
    {
    case POSTURE_ISOLATION_ENABLED:
      isolation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Enabled, %u allowed tenant",
                                                "Enabled, %u allowed tenants",
                                                sources.n_allowed_tenants),
                                   sources.n_allowed_tenants);
      break;
    case POSTURE_ISOLATION_DISABLED:
      isolation = g_strdup (_("Configured but disabled"));
      break;
    case POSTURE_ISOLATION_NOT_CONFIGURED:
    default:
      isolation = g_strdup (_("Never configured"));
      break;
    }

  environments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u environment, %u with Dataverse",
                                               "%u environments, %u with Dataverse",
                                               sources.n_environments),
                                  sources.n_environments, sources.n_with_dataverse);
  dlp = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u policy", "%u policies",
                                      sources.n_dlp_policies), sources.n_dlp_policies);
  /* Translators: Dataverse settings of environments: read, could not be read, missing */
  dataverse = g_strdup_printf (_("%u read, %u could not be read, %u missing"),
                               sources.n_dataverse_read, sources.n_dataverse_error,
                               sources.n_dataverse_missing);

  g_string_append (out, "<table>\n<caption>");
  append_text (out, _("Sources read from the tenant"));
  g_string_append (out, "</caption>\n<thead><tr><th scope=\"col\">");
  append_text (out, _("Source"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_text (out, _("Read"));
  g_string_append (out, "</th></tr></thead>\n<tbody>\n");
  append_source_row (out, _("Tenant settings"), settings);
  append_source_row (out, _("Tenant isolation"), isolation);
  append_source_row (out, _("Environments"), environments);
  append_source_row (out, _("Data policies (DLP)"), dlp);
  append_source_row (out, _("Dataverse settings"), dataverse);
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

void
_posture_report_write_html (PostureReportSink *sink,
                            PostureAssessment *assessment,
                            PostureSnapshot   *snapshot,
                            GListModel        *history)
{
  GString *out = sink->buffer;
  g_autofree char *lang = document_language ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *name = posture_assessment_get_tenant_name (assessment);

  if (name == NULL || name[0] == '\0')
    name = posture_assessment_get_tenant_id (assessment);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", lang);
  g_string_append (out,
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" "
                   "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<meta name=\"generator\" content=\"Posture " PACKAGE_VERSION "\">\n"
                   "<title>");
  /* Translators: the title of the HTML report; %s is the tenant's name */
  append_fmt (out, _("Security posture of %s"), name);
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, stylesheet);
  g_string_append (out, "</style>\n</head>\n<body>\n");

  append_header (out, assessment, snapshot);
  g_string_append (out, "<main>\n");
  append_score (out, assessment);
  if (history != NULL)
    append_history (out, assessment, history);
  g_string_append (out, "</section>\n");
  append_recommendations (out, assessment);
  if (!_posture_report_sink_flush (sink, FALSE))
    return;
  append_controls (sink, assessment);
  append_warnings (out, assessment);
  append_sources (out, snapshot);
  g_string_append (out, "</main>\n<footer><p>");
  /* Translators: %s is a version number */
  append_fmt (out, _("Generated by Posture %s."), PACKAGE_VERSION);
  g_string_append (out, " ");
  append_time (out, now);
  g_string_append (out, "</p></footer>\n</body>\n</html>\n");
}
