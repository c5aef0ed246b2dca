/* test-one-voice.c: one verdict, every face. The same snapshot goes through the
 * Policies view (read from its widgets), posture-cli assess --format json and the HTML
 * report (posture-cli report), and every control has the same status and the same
 * counts of passing, failing and unknown resources in each: the demo tenant, and
 * hostile snapshots (odd casing, missing members, unknown Dataverse, hostile names).
 * The Recommendations view lists the failing and partial controls in the same order,
 * each row with the same status, and its detail with the same counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "posture-json.h"
#include "posture-labels.h"
#include "posture-control-detail.h"
#include "posture-control-row.h"
#include "posture-policies-page.h"
#include "posture-ui-test.h"
#include "posture-recommendations-page.h"
#include "posture-session.h"

/* What a face says about one control. */
typedef struct
{
  char  *status;      /* the status label, as a person reads it */
  guint  n_pass;
  guint  n_fail;
  guint  n_unknown;
} Verdict;

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  g_free (verdict->status);
  g_free (verdict);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verdict, verdict_free)

static Verdict *
verdict_new (const char *status,
             guint       n_pass,
             guint       n_fail,
             guint       n_unknown)
{
  Verdict *verdict = g_new0 (Verdict, 1);

  verdict->status = g_strdup (status);
  verdict->n_pass = n_pass;
  verdict->n_fail = n_fail;
  verdict->n_unknown = n_unknown;
  return verdict;
}

static char *
run_cli (const char * const *args)
{
  const char *cli = g_getenv ("POSTURE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("posture-cli %s failed: %s", args[0], err);

  return out;
}

/* posture-cli assess --format json: DESIGN.md's object. */
static GHashTable *
read_json (const char  *snapshot,
           GPtrArray  **out_recommendations)
{
  const char * const args[] = { "assess", "--snapshot", snapshot, "--format", "json", NULL };
  g_autofree char *out = run_cli (args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, verdict_free);
  JsonArray *controls;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  controls = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "controls");
  {
    JsonArray *order =
        json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                      "recommendations");

    *out_recommendations = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < json_array_get_length (order); i++)
      g_ptr_array_add (*out_recommendations, g_strdup (json_array_get_string_element (order, i)));
  }

  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);
      JsonArray *resources = json_object_get_array_member (control, "resources");
      guint counts[3] = { 0, 0, 0 };
      PostureStatus status;

      g_assert_true (
          posture_status_from_string (json_object_get_string_member (control, "status"), &status));
      for (guint r = 0; resources != NULL && r < json_array_get_length (resources); r++)
        {
          PostureResult result;

          g_assert_true (posture_result_from_string (
              json_object_get_string_member (json_array_get_object_element (resources, r),
                                             "status"),
              &result));
          counts[result]++;
        }

      g_hash_table_insert (verdicts, g_strdup (json_object_get_string_member (control, "id")),
                           verdict_new (posture_status_label (status), counts [POSTURE_RESULT_PASS],
                                        counts [POSTURE_RESULT_FAIL],
                                        counts [POSTURE_RESULT_UNKNOWN]));
    }

  return verdicts;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* posture-cli report --format html: each control's <article>, its status and the
 * results in its resources table. */
static GHashTable *
read_html (const char *snapshot)
{
  const char * const args[] = { "report", "--snapshot", snapshot, "--format", "html", NULL };
  g_autofree char *out = run_cli (args);
  GHashTable *verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, verdict_free);
  const char *marker = "<article class=\"control\" id=\"control-";

  for (const char *p = strstr (out, marker); p != NULL; p = strstr (p, marker))
    {
      const char *id = p + strlen (marker);
      const char *end = strstr (p, "</article>");
      g_autofree char *article = g_strndup (p, end - p);
      g_autofree char *control_id = g_strndup (id, strchr (id, '"') - id);
      const char *status = strstr (article, "<span class=\"status ");
      const char *label;
      g_autofree char *text = NULL;

      g_assert_nonnull (end);
      g_assert_nonnull (status);
      label = strchr (status, '>') + 1;
      text = g_strndup (label, strstr (label, "</span>") - label);

      g_hash_table_insert (verdicts, g_steal_pointer (&control_id),
                           verdict_new (text,
                                        count_occurrences (article, "<td class=\"status pass\">"),
                                        count_occurrences (article, "<td class=\"status fail\">"),
                                        count_occurrences (article,
                                                           "<td class=\"status unknown\">")));
      p = end;
    }

  return verdicts;
}

/* The results a Policies row lists under it: "Pass: …", "Fail: …", "Unknown: …". */
static void
count_resource_rows (GtkWidget *widget,
                     guint      counts[3])
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      for (PostureResult r = POSTURE_RESULT_PASS; r <= POSTURE_RESULT_UNKNOWN; r++)
        {
          g_autofree char *prefix = g_strdup_printf ("%s: ", posture_result_label (r));

          if (subtitle != NULL && g_str_has_prefix (subtitle, prefix))
            counts[r]++;
        }
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    count_resource_rows (c, counts);
}

/* The Policies view, as shown: each control's row, the status its subtitle opens
 * with, and the results of the environments listed under it. */
static Verdict *
read_policies_row (GtkWidget  *page,
                   const char *control_id,
                   GHashTable *json)
{
  GtkWidget *row = posture_test_find_named (page, control_id);
  const Verdict *expected = g_hash_table_lookup (json, control_id);
  guint counts[3] = { 0, 0, 0 };
  const char *subtitle;
  g_autofree char *status = NULL;
  const char *dot;

  g_assert_nonnull (row);
  subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  dot = strstr (subtitle, " · ");
  status = dot != NULL ? g_strndup (subtitle, dot - subtitle) : g_strdup (subtitle);

  count_resource_rows (row, counts);

  /* Tenant controls show their evidence instead of resource rows: take the status. */
  if (counts[0] + counts[1] + counts[2] == 0 && expected != NULL &&
      expected->n_pass + expected->n_fail + expected->n_unknown == 1)
    {
      PostureStatus value;

      for (value = POSTURE_STATUS_PASS; value <= POSTURE_STATUS_MANUAL; value++)
        if (g_str_equal (posture_status_label (value), status))
          break;
      if (value == POSTURE_STATUS_PASS)
        counts[POSTURE_RESULT_PASS] = 1;
      else if (value == POSTURE_STATUS_FAIL)
        counts[POSTURE_RESULT_FAIL] = 1;
      else if (value == POSTURE_STATUS_UNKNOWN)
        counts[POSTURE_RESULT_UNKNOWN] = 1;
    }

  /* And the "4 of 8 environments pass" in the subtitle says the same. */
  if (counts [POSTURE_RESULT_PASS] + counts [POSTURE_RESULT_FAIL] > 1 &&
      strstr (subtitle, " environment") != NULL)
    {
      g_autofree char *of =
          g_strdup_printf (" %u of %u environment", counts [POSTURE_RESULT_PASS],
                           counts [POSTURE_RESULT_PASS] + counts [POSTURE_RESULT_FAIL]);

      g_assert_nonnull (strstr (subtitle, of));
    }

  return verdict_new (status, counts[POSTURE_RESULT_PASS], counts[POSTURE_RESULT_FAIL],
                      counts[POSTURE_RESULT_UNKNOWN]);
}

/* The detail's "Affected Resources" group says "3 pass, 5 fail, 2 unknown". */
static gboolean
read_detail_counts (GtkWidget *widget,
                    guint      counts[3])
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                 "Affected Resources") == 0)
    return sscanf (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)),
                   "%u pass, %u fail, %u unknown", &counts [POSTURE_RESULT_PASS],
                   &counts [POSTURE_RESULT_FAIL], &counts [POSTURE_RESULT_UNKNOWN]) == 3;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (read_detail_counts (c, counts))
      return TRUE;

  return FALSE;
}

static void
assert_same (const char    *face,
             const char    *control_id,
             const Verdict *expected,
             const Verdict *seen)
{
  g_assert_nonnull (seen);
  if (g_strcmp0 (expected->status, seen->status) != 0 || expected->n_pass != seen->n_pass ||
      expected->n_fail != seen->n_fail || expected->n_unknown != seen->n_unknown)
    g_error ("%s says %s is \"%s\" (%u pass, %u fail, %u unknown); assess --format json says "
             "\"%s\" (%u, %u, %u)",
             face, control_id, seen->status, seen->n_pass, seen->n_fail, seen->n_unknown,
             expected->status, expected->n_pass, expected->n_fail, expected->n_unknown);
}

static void
show_snapshot (PostureSession *session,
               const char     *path)
{
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  PostureAssessment *before = posture_session_get_assessment (session);

  snapshot = posture_snapshot_new_from_file (path, &error);
  g_assert_no_error (error);
  posture_session_set_snapshot (session, snapshot);
  while (
      (posture_session_get_assessment (session) == before || posture_session_get_busy (session)) &&
      g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (posture_session_get_assessment (session) != before);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The Recommendations view: its list in the JSON's order, each row's status, and the
 * counts its detail shows once the row is chosen. */
static void
check_recommendations (GtkWidget  *page,
                       GHashTable *json,
                       GPtrArray  *order)
{
  GtkListBox *list = GTK_LIST_BOX (
      gtk_widget_get_template_child (page, POSTURE_TYPE_RECOMMENDATIONS_PAGE, "list_box"));
  GtkWidget *detail = posture_test_find_type (page, POSTURE_TYPE_CONTROL_DETAIL);
  guint n = 0;

  g_assert_nonnull (detail);
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, (int) n)) != NULL; n++)
    {
      PostureControlResult *result = posture_control_row_get_result (POSTURE_CONTROL_ROW (row));
      const char *id = posture_control_result_get_id (result);
      const Verdict *expected = g_hash_table_lookup (json, id);
      guint counts[3] = { 0, 0, 0 };
      g_autoptr(Verdict) seen = NULL;

      g_assert_cmpuint (n, <, order->len);
      g_assert_cmpstr (id, ==, g_ptr_array_index (order, n));
      g_assert_nonnull (expected);
      g_assert_nonnull (
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), expected->status));

      gtk_list_box_select_row (list, row);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_true (posture_control_detail_get_result (POSTURE_CONTROL_DETAIL (detail)) == result);
      g_assert_true (read_detail_counts (detail, counts));
      seen = verdict_new (expected->status, counts [POSTURE_RESULT_PASS],
                          counts [POSTURE_RESULT_FAIL], counts [POSTURE_RESULT_UNKNOWN]);
      assert_same ("The Recommendations view", id, expected, seen);
    }

  g_assert_cmpuint (n, ==, order->len);
}

static void
check_one_voice (PostureSession *session,
                 GtkWidget      *policies,
                 GtkWidget      *recommendations,
                 const char     *snapshot)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) json = read_json (snapshot, &order);
  g_autoptr(GHashTable) html = read_html (snapshot);
  GHashTableIter iter;
  gpointer key, value;

  show_snapshot (session, snapshot);

  g_assert_cmpuint (g_hash_table_size (json), >, 20);
  g_assert_cmpuint (g_hash_table_size (html), ==, g_hash_table_size (json));

  g_hash_table_iter_init (&iter, json);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Verdict *in_policies = read_policies_row (policies, key, json);

      assert_same ("The HTML report", key, value, g_hash_table_lookup (html, key));
      assert_same ("The Policies view", key, value, in_policies);
      verdict_free (in_policies);
    }

  check_recommendations (recommendations, json, order);
}

static void
test_one_voice (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSession) session = posture_session_new_demo (4, &error);
  g_autofree char *dir = g_dir_make_tmp ("posture-one-voice-XXXXXX", NULL);
  g_autofree char *path = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *policies = GTK_WIDGET (posture_policies_page_new ());
  GtkWidget *recommendations = g_object_new (POSTURE_TYPE_RECOMMENDATIONS_PAGE, NULL);

  g_assert_no_error (error);
  gtk_box_append (GTK_BOX (box), policies);
  gtk_box_append (GTK_BOX (box), recommendations);
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 1800, 800);
  posture_policies_page_set_session (POSTURE_POLICIES_PAGE (policies), session);
  g_object_set (recommendations, "session", session, NULL);
  gtk_window_present (window);

  if (g_str_equal (name, "demo"))
    {
      /* The demo tenant as the CLI reads it, saved once for every face. */
      path = g_build_filename (dir, "demo.json", NULL);
      {
        const char * const args[] = { "snapshot", "--demo", "--output", path, NULL };
        g_autofree char *out = run_cli (args);
      }
    }
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);

  g_test_message ("snapshot %s", path);
  check_one_voice (session, policies, recommendations, path);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (g_str_equal (name, "demo"))
    g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The demo, and hostile snapshots: odd casing (tolerant), missing members and Graph
   * refusals (group-members-403), unknown Dataverse (unknown), partial results and
   * names that try to inject markup (hostile-names). */
  static const char *const snapshots [] = {
    "demo",         "tolerant.json", "group-members-403.json",
    "unknown.json", "partial.json",  "hostile-names.json",
  };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (snapshots); i++)
    {
      g_autofree char *path = g_strdup_printf ("/posture/ui/one-voice/%s", snapshots[i]);

      g_test_add_data_func (path, snapshots[i], test_one_voice);
    }

  return g_test_run ();
}
