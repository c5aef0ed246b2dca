/* test-labels.c: one word per value, one rounding, one date format, the enum nicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "posture-enums.h"
#include "posture-labels.h"
#include "posture-types.h"

/* Every value of every enum has a label, and no two values share one. */
static void
test_labels_every_value (void)
{
  struct { GType type; const char *(*label) (int); } enums[] = {
    { POSTURE_TYPE_SEVERITY, (const char *(*) (int)) posture_severity_label },
    { POSTURE_TYPE_STATUS, (const char *(*) (int)) posture_status_label },
    { POSTURE_TYPE_RESULT, (const char *(*) (int)) posture_result_label },
    { POSTURE_TYPE_CATEGORY, (const char *(*) (int)) posture_category_label },
    { POSTURE_TYPE_PRINCIPLE, (const char *(*) (int)) posture_principle_label },
    { POSTURE_TYPE_LEVEL, (const char *(*) (int)) posture_level_label },
    { POSTURE_TYPE_DECISION_STATUS, (const char *(*) (int)) posture_decision_label },
  };

  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[e].type);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint v = 0; v < klass->n_values; v++)
        {
          const char *label = enums[e].label (klass->values[v].value);

          g_assert_nonnull (label);
          g_assert_cmpuint (strlen (label), >, 0);
          g_assert_true (g_hash_table_add (seen, (gpointer) label));
        }
    }

  g_assert_cmpstr (posture_status_label (POSTURE_STATUS_PARTIAL), ==, "Partly passing");
  g_assert_cmpstr (posture_level_css_class (POSTURE_LEVEL_HIGH), ==, "level-high");
}

/* The string forms are the enum nicks (mkenums), both ways, any case in. */
static void
test_labels_enum_strings (void)
{
  PostureStatus status;
  PostureDecisionStatus decision;
  PostureCategory category;

  g_assert_cmpstr (posture_status_to_string (POSTURE_STATUS_NOT_APPLICABLE), ==, "not-applicable");
  g_assert_cmpstr (posture_principle_to_string (POSTURE_PRINCIPLE_VERIFY_EXPLICITLY), ==,
                   "verify-explicitly");
  g_assert_cmpstr (posture_category_to_string (POSTURE_CATEGORY_IDENTITY_ACCESS), ==,
                   "identity-access");
  g_assert_cmpstr (posture_decision_status_to_string (POSTURE_DECISION_ALTERNATE_MITIGATION), ==,
                   "alternate-mitigation");
  g_assert_cmpstr (posture_profile_to_string (POSTURE_PROFILE_PPAC), ==, "ppac");
  g_assert_true (posture_status_from_string ("Not-Applicable", &status));
  g_assert_cmpint (status, ==, POSTURE_STATUS_NOT_APPLICABLE);
  g_assert_true (posture_decision_status_from_string ("risk-accepted", &decision));
  g_assert_cmpint (decision, ==, POSTURE_DECISION_RISK_ACCEPTED);
  g_assert_true (posture_category_from_string ("threat-detection", &category));
  g_assert_false (posture_category_from_string ("threat detection", &category));
  g_assert_false (posture_status_from_string (NULL, &status));
  g_assert_true (posture_level_from_string ("HIGH", NULL));
}

/* The shown percent and the level agree at every boundary: one rounding, half up. */
static void
test_labels_rounding (void)
{
  static const struct { double percent; const char *shown; PostureLevel level; } cases[] = {
    { 0, "0 %", POSTURE_LEVEL_LOW },
    { 49.5, "50 %", POSTURE_LEVEL_LOW },
    { 50.0, "50 %", POSTURE_LEVEL_LOW },
    { 50.49, "50 %", POSTURE_LEVEL_LOW },
    { 50.5, "51 %", POSTURE_LEVEL_MEDIUM },
    { 80.4, "80 %", POSTURE_LEVEL_MEDIUM },
    { 80.5, "81 %", POSTURE_LEVEL_HIGH },
    { 100, "100 %", POSTURE_LEVEL_HIGH },
    { -1, "—", POSTURE_LEVEL_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = posture_format_percent (cases[i].percent);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (posture_level_for_percent (cases[i].percent), ==, cases[i].level);
    }

  /* Every score a tenant of up to 400 points can have: the level is the level of the
   * number shown. */
  for (guint possible = 1; possible <= 400; possible++)
    for (guint earned = 0; earned <= possible; earned++)
      {
        double percent = 100.0 * earned / possible;
        int shown = posture_percent_round (percent);

        g_assert_cmpint (posture_level_for_percent (percent), ==,
                         posture_level_for_percent ((double) shown));
      }

  g_assert_cmpfloat (posture_round_half_up (56.665, 2), ==, round (56.665 * 100) / 100);
  g_assert_cmpfloat (posture_round_half_up (2.5, 0), ==, 3);
  g_assert_cmpfloat (posture_round_half_up (-2.5, 0), ==, -3);
  g_assert_cmpint (posture_percent_round (NAN), ==, 0);
}

/* A medium date and time, in the local time zone. */
/* The bands a view draws are the levels' own ranges: every whole percent lies in the
 * range of the level posture_level_for_percent() gives it, and in no other. */
static void
test_labels_level_ranges (void)
{
  const PostureLevel levels[] = { POSTURE_LEVEL_LOW, POSTURE_LEVEL_MEDIUM, POSTURE_LEVEL_HIGH };

  g_assert_false (posture_level_get_range (POSTURE_LEVEL_UNKNOWN, NULL, NULL));
  for (int percent = 0; percent <= 100; percent++)
    {
      guint found = 0;

      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        {
          int lowest = -1, highest = -1;

          g_assert_true (posture_level_get_range (levels[i], &lowest, &highest));
          if (percent >= lowest && percent <= highest)
            {
              found++;
              g_assert_cmpint (posture_level_for_percent (percent), ==, levels[i]);
            }
        }
      g_assert_cmpuint (found, ==, 1);
    }
}

static void
test_labels_date_time (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 12, 2, 4, 58, 30);
  g_autofree char *text = NULL;
  g_autofree char *none = posture_format_date_time (NULL);

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  text = posture_format_date_time (utc);
  g_assert_cmpstr (text, ==, "2 Dec 2026, 04:58");
  g_assert_cmpstr (none, ==, "—");

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tzset ();
  {
    g_autofree char *tokyo = posture_format_date_time (utc);

    /* The local zone, where zone data is installed (UTC+9). */
    if (g_file_test ("/usr/share/zoneinfo/Asia/Tokyo", G_FILE_TEST_EXISTS))
      g_assert_cmpstr (tokyo, ==, "2 Dec 2026, 13:58");
  }
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/labels/every-value", test_labels_every_value);
  g_test_add_func ("/posture/core/labels/enum-strings", test_labels_enum_strings);
  g_test_add_func ("/posture/core/labels/rounding", test_labels_rounding);
  g_test_add_func ("/posture/core/labels/date-time", test_labels_date_time);
  g_test_add_func ("/posture/core/labels/level-ranges", test_labels_level_ranges);

  return g_test_run ();
}
