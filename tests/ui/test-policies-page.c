/* test-policies-page.c: the Policies view shows the engine's results (statuses, counts,
 * evidence, reasons) per control and environment, the Identity section first, and asks
 * for changes through the window's fix confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-labels.h"
#include "posture-policies-page.h"
#include "posture-ui-test.h"
#include "posture-remediation.h"
#include "posture-session.h"

static const char * const identity_controls[] = {
  "conditional-access-mfa", "global-admin-count", "admin-privileges", NULL
};

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
child (gpointer    page,
       const char *name)
{
  GObject *object =
      gtk_widget_get_template_child (GTK_WIDGET (page), POSTURE_TYPE_POLICIES_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

/* The rows an expander row holds (its own list box, inside its revealer). */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles,
                GPtrArray *subtitles)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_ptr_array_add (titles,
                       (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      g_ptr_array_add (subtitles, (gpointer) adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_titles (c, titles, subtitles);
}

static gboolean
array_has (GPtrArray  *array,
           const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;

  return FALSE;
}

static PostureSnapshot *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);
  g_autoptr(GError) error = NULL;
  PostureSnapshot *snapshot = posture_snapshot_new_from_file (path, &error);

  g_assert_no_error (error);
  return snapshot;
}

static void
show_snapshot (PostureSession  *session,
               PostureSnapshot *snapshot)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  PostureAssessment *before = posture_session_get_assessment (session);

  posture_session_set_snapshot (session, snapshot);
  while (
      (posture_session_get_assessment (session) == before || posture_session_get_busy (session)) &&
      g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (posture_session_get_assessment (session) != before);
  drain ();
}

static const char *
section_list (PostureControlResult *result)
{
  PostureControl *control = posture_control_result_get_control (result);

  if (g_strv_contains (identity_controls, posture_control_result_get_id (result)))
    return "identity_list";

  switch (posture_control_get_category (control))
    {
    case POSTURE_CATEGORY_DATA_PROTECTION:  return "data_protection_list";
    case POSTURE_CATEGORY_IDENTITY_ACCESS:  return "identity_access_list";
    case POSTURE_CATEGORY_NETWORK:          return "network_list";
    case POSTURE_CATEGORY_COMPLIANCE:       return "compliance_list";
    case POSTURE_CATEGORY_THREAT_DETECTION: return "threat_detection_list";
    default:                                g_assert_not_reached ();
    }
}

/* Every control of the session's assessment has its row in its section, with the
 * engine's status and counts, and its evidence or environments. */
static guint
check_page_against_assessment (GtkWidget      *page,
                               PostureSession *session)
{
  PostureAssessment *assessment = posture_session_get_assessment (session);
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint n = g_list_model_get_n_items (controls);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "stack")), ==, "policies");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureControl *control = posture_control_result_get_control (result);
      const char *id = posture_control_result_get_id (result);
      GtkWidget *list = child (page, section_list (result));
      GtkWidget *row = posture_test_find_named (list, id);
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();
      g_autoptr(GPtrArray) subtitles = g_ptr_array_new ();
      const char *subtitle;

      g_test_message ("%s", id);
      g_assert_nonnull (row);
      g_assert_true (ADW_IS_EXPANDER_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       posture_control_get_title (control));

      /* The status in the engine's words, and for environment controls its counts. */
      subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      g_assert_true (g_str_has_prefix (subtitle, posture_status_label (
                                                     posture_control_result_get_status (result))));

      collect_titles (row, titles, subtitles);
      if (posture_control_get_scope (control) == POSTURE_SCOPE_ENVIRONMENT)
        {
          guint n_pass = posture_control_result_get_n_pass (result);
          guint n_fail = posture_control_result_get_n_fail (result);
          guint n_resources = posture_control_result_get_n_resources (result);

          if (n_pass + n_fail > 0)
            {
              g_autofree char *counts =
                  g_strdup_printf (" %u of %u environment", n_pass, n_pass + n_fail);

              g_assert_nonnull (strstr (subtitle, counts));
            }
          /* One row per environment, by display name, with the engine's reason (and the
           * expander's own header row). */
          g_assert_cmpuint (titles->len, ==,
                            1 + MAX (1, MIN (n_resources, 50) + (n_resources > 50 ? 1 : 0)));
          for (guint r = 0; r < n_resources && r < 50; r++)
            {
              PostureResourceResult *resource = posture_control_result_get_resource (result, r);
              g_autofree char *expected = NULL;

              g_assert_true (array_has (titles, posture_resource_result_get_name (resource)));
              expected = g_strdup_printf ("%s: %s",
                                          posture_result_label (
                                              posture_resource_result_get_status (resource)),
                                          posture_resource_result_get_reason (resource));
              g_assert_true (array_has (subtitles, expected));
            }
        }
      else if (posture_control_result_get_n_resources (result) > 0)
        {
          PostureResourceResult *resource = posture_control_result_get_resource (result, 0);

          /* Each value the rule read, by its human title, then why. */
          for (guint e = 0; e < posture_resource_result_get_n_evidence (resource); e++)
            {
              g_assert_true (
                  array_has (titles, posture_resource_result_get_evidence_title (resource, e)));
              g_assert_true (
                  array_has (subtitles, posture_resource_result_get_evidence_value (resource, e)));
            }
          g_assert_true (array_has (subtitles, posture_resource_result_get_reason (resource)));
        }
    }

  return n;
}

static PostureSession *
new_session (void)
{
  g_autoptr(GError) error = NULL;
  PostureSession *session = posture_session_new_demo (4, &error);

  g_assert_no_error (error);
  return session;
}

static void
test_policies_page_empty (void)
{
  PosturePoliciesPage *page = g_object_ref_sink (posture_policies_page_new ());

  g_assert_null (posture_policies_page_get_session (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "stack")), ==, "empty");
  g_assert_finalize_object (page);
}

/* Fixtures with every kind of result, the traps of v2 and hostile input. */
static void
test_policies_page_results (void)
{
  static const char * const fixtures[] = {
    "admin-center-example.json", "all-fail.json", "all-pass.json", "partial.json", "unknown.json",
    "tolerant.json", "hostile-names.json", "global-admins-five.json", "graph-403.json",
    "legacy-v1.json",
  };
  g_autoptr(PostureSession) session = new_session ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = GTK_WIDGET (posture_policies_page_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, page);
  posture_policies_page_set_session (POSTURE_POLICIES_PAGE (page), session);
  gtk_window_present (window);

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(PostureSnapshot) snapshot = load_fixture (fixtures[f]);

      g_test_message ("fixture %s", fixtures[f]);
      show_snapshot (session, snapshot);
      g_assert_cmpuint (check_page_against_assessment (page, session), >, 10);
    }

  gtk_window_destroy (window);
  drain ();
}

/* The Identity section: MFA, Global Administrators (count and who), and System
 * Administrators per environment, as the engine read them. */
static void
test_policies_page_identity (void)
{
  g_autoptr(PostureSession) session = new_session ();
  g_autoptr(PostureSnapshot) trap = load_fixture ("ca-office365-trap.json");
  g_autoptr(PostureSnapshot) five = load_fixture ("global-admins-five.json");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = GTK_WIDGET (posture_policies_page_new ());
  GtkWidget *identity;
  GtkWidget *row;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) subtitles = g_ptr_array_new ();
  gboolean said_why = FALSE;

  gtk_window_set_child (window, page);
  g_object_set (page, "session", session, NULL);
  gtk_window_present (window);

  show_snapshot (session, trap);
  identity = child (page, "identity_list");
  for (guint i = 0; identity_controls[i] != NULL; i++)
    g_assert_nonnull (posture_test_find_named (identity, identity_controls[i]));
  g_assert_true (gtk_widget_get_visible (child (page, "identity_group")));

  /* Why the Office 365 policy does not count, in the engine's words. */
  row = posture_test_find_named (identity, "conditional-access-mfa");
  collect_titles (row, titles, subtitles);
  for (guint i = 0; i < subtitles->len; i++)
    if (strstr (g_ptr_array_index (subtitles, i), "Office 365") != NULL)
      said_why = TRUE;
  g_assert_true (said_why);

  /* Five Global Administrators: the count and the names. */
  show_snapshot (session, five);
  row = posture_test_find_named (child (page, "identity_list"), "global-admin-count");
  g_ptr_array_set_size (titles, 0);
  g_ptr_array_set_size (subtitles, 0);
  collect_titles (row, titles, subtitles);
  {
    PostureControlResult *result =
        posture_assessment_lookup (posture_session_get_assessment (session), "global-admin-count");
    PostureResourceResult *tenant = posture_control_result_get_resource (result, 0);

    g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_FAIL);
    g_assert_true (
        g_str_has_prefix (posture_resource_result_get_evidence_value (tenant, 0), "5 ("));
    g_assert_true (array_has (subtitles, posture_resource_result_get_evidence_value (tenant, 0)));
  }

  gtk_window_destroy (window);
  drain ();
}

static void
confirm_fix_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GPtrArray *asked = user_data;

  g_ptr_array_add (asked, g_variant_dup_string (parameter, NULL));
}

/* A failing tenant control with a fix: its switch asks the window's confirmation (the
 * Fix dialog's plan) and changes nothing itself; a passing one cannot be turned off
 * here; an environment control offers Fix…. */
static void
test_policies_page_changes (void)
{
  g_autoptr(PostureSession) session = new_session ();
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("all-fail.json");
  g_autoptr(PostureSnapshot) passing = load_fixture ("all-pass.json");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("confirm-fix", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = GTK_WIDGET (posture_policies_page_new ());
  GtkWidget *row;
  GtkSwitch *toggle;
  GtkWidget *button;

  g_signal_connect (action, "activate", G_CALLBACK (confirm_fix_cb), asked);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));
  gtk_window_set_child (window, page);
  posture_policies_page_set_session (POSTURE_POLICIES_PAGE (page), session);
  gtk_window_present (window);
  show_snapshot (session, snapshot);

  g_assert_true (posture_remediation_has_api_fix ("share-with-everyone-disabled"));
  row = posture_test_find_named (page, "share-with-everyone-disabled");
  toggle = GTK_SWITCH (posture_test_find_type (row, GTK_TYPE_SWITCH));
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
  gtk_switch_set_active (toggle, TRUE);
  drain ();
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (asked, 0), ==, "share-with-everyone-disabled");
  /* The switch shows the tenant as the engine found it, until a new reading says otherwise. */
  g_assert_false (gtk_switch_get_state (toggle));

  /* An environment control with a fix: Fix… asks the same confirmation. */
  g_assert_true (posture_remediation_has_api_fix ("auditing"));
  row = posture_test_find_named (page, "auditing");
  button = posture_test_find_type (row, GTK_TYPE_BUTTON);
  while (button != NULL && !GTK_IS_ACTIONABLE (button))
    button = NULL;
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.confirm-fix");
  g_signal_emit_by_name (button, "clicked");
  drain ();
  g_assert_cmpuint (asked->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (asked, 1), ==, "auditing");

  /* No fix without an API: no switch and no button. */
  row = posture_test_find_named (page, "conditional-access-mfa");
  g_assert_null (posture_test_find_type (row, GTK_TYPE_SWITCH));

  /* Passing: on, and not turned off from here. */
  show_snapshot (session, passing);
  row = posture_test_find_named (page, "share-with-everyone-disabled");
  toggle = GTK_SWITCH (posture_test_find_type (row, GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));

  /* Search (Ctrl+F focuses it): by title, by id, and nothing. */
  g_assert_true (gtk_widget_activate_action (page, "policies.search", NULL));
  drain ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (child (page, "search_entry"))) ||
                 gtk_widget_is_focus (GTK_WIDGET (child (page, "search_entry"))) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (child (page, "search_entry"))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), "auditing");
  drain ();
  g_assert_nonnull (posture_test_find_named (page, "auditing"));
  g_assert_null (posture_test_find_named (page, "share-with-everyone-disabled"));
  g_assert_false (gtk_widget_get_visible (child (page, "no_match_label")));
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), "no such policy anywhere");
  drain ();
  g_assert_true (gtk_widget_get_visible (child (page, "no_match_label")));
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), "");
  drain ();
  g_assert_nonnull (posture_test_find_named (page, "share-with-everyone-disabled"));

  posture_policies_page_set_session (POSTURE_POLICIES_PAGE (page), NULL);
  drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "stack")), ==, "empty");
  gtk_window_destroy (window);
  drain ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/policies-page/empty", test_policies_page_empty);
  g_test_add_func ("/posture/ui/policies-page/results", test_policies_page_results);
  g_test_add_func ("/posture/ui/policies-page/identity", test_policies_page_identity);
  g_test_add_func ("/posture/ui/policies-page/changes", test_policies_page_changes);

  return g_test_run ();
}
