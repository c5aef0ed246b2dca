/* test-policies-page.c: the Policies view shows the demo tenant's values and makes
 * confirmed changes through the tenant client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-demo-server.h"
#include "posture-json.h"
#include "posture-policies-page.h"

typedef struct
{
  PostureDemoServer   *server;
  PostureOAuth        *oauth;
  PostureTenantClient *client;
} Fixture;

static gboolean
true_after_timeout (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(cond)                                                        \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint id_ = g_timeout_add_seconds (30, true_after_timeout, &timed_out_);  \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!timed_out_)                                                          \
      g_source_remove (id_);                                                  \
    g_assert_true (cond);                                                     \
  } G_STMT_END

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  PostureHttpOptions options;

  fx->server = posture_demo_server_new ();
  g_assert_true (posture_demo_server_start (fx->server, 0, &error));
  g_assert_no_error (error);

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (fx->server), &error);
  g_assert_no_error (error);
  posture_http_options_init_default (&options);
  options.base_delay_ms = 1;
  fx->oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_CLIENT_ID, NULL, &options);
  posture_oauth_set_client_secret (fx->oauth, POSTURE_DEMO_CLIENT_SECRET);
  fx->client = posture_tenant_client_new (fx->oauth);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_finalize_object (fx->client);
  g_assert_finalize_object (fx->oauth);
  posture_demo_server_stop (fx->server);
  g_assert_finalize_object (fx->server);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PostureSnapshot **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = posture_tenant_client_read_snapshot_finish (POSTURE_TENANT_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static PostureSnapshot *
read_snapshot (Fixture *fx)
{
  PostureSnapshot *snapshot = NULL;

  posture_tenant_client_read_snapshot_async (fx->client, NULL, NULL, read_cb, &snapshot);
  WAIT_FOR (snapshot != NULL);

  return snapshot;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_prefixed (GtkWidget  *widget,
                const char *prefix)
{
  guint n = g_str_has_prefix (gtk_widget_get_name (widget), prefix) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_prefixed (c, prefix);

  return n;
}

static GtkSwitch *
row_switch (GtkWidget *page,
            const char *name)
{
  GtkWidget *row = find_named (page, name);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SWITCH (widget));

  return GTK_SWITCH (widget);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
on_changed_cb (PosturePoliciesPage *page,
               guint               *count)
{
  (*count)++;
}

static void
test_policies_show_demo (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(PostureSnapshot) snapshot = read_snapshot (fx);
  JsonObject *settings = posture_snapshot_get_tenant_settings (snapshot);
  static const char *paths[] = {
    "disableEnvironmentCreationByNonAdminUsers",
    "disableTrialEnvironmentCreationByNonAdminUsers",
    "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers",
    "disablePortalsCreationByNonAdminUsers",
    "powerPlatform.powerApps.disableShareWithEveryone",
    "powerPlatform.powerApps.enableGuestsToMake",
  };
  PosturePoliciesPage *page;
  GtkWindow *window;
  GtkWidget *row;
  guint n_managed = 0;
  guint n_envs;

  page = posture_policies_page_new ();
  g_object_ref_sink (page);
  window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (window);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);

  /* Nothing read yet: the empty state. */
  g_assert_null (find_named (GTK_WIDGET (page), "isolation"));

  posture_policies_page_set_snapshot (page, snapshot);
  g_assert_true (posture_policies_page_get_snapshot (page) == snapshot);

  /* Each tenant setting shows the demo tenant's value, read-only without a client. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *name = g_strconcat ("setting:", paths[i], NULL);
      gboolean value = FALSE;
      GtkSwitch *toggle;

      g_assert_true (posture_json_get_path_boolean (settings, paths[i], &value));
      toggle = row_switch (GTK_WIDGET (page), name);
      g_assert_cmpint (gtk_switch_get_active (toggle), ==, value);
      g_assert_cmpint (gtk_switch_get_state (toggle), ==, value);
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
    }

  /* Tenant isolation and its allow-list. */
  g_assert_cmpint (gtk_switch_get_active (row_switch (GTK_WIDGET (page), "isolation")), ==,
                   posture_snapshot_get_isolation_state (snapshot) == POSTURE_ISOLATION_ENABLED);
  g_assert_nonnull (find_named (GTK_WIDGET (page), "allow-list"));

  /* One row per DLP policy, or the "none" row. */
  if (posture_snapshot_get_n_dlp_policies (snapshot) == 0)
    g_assert_nonnull (find_named (GTK_WIDGET (page), "dlp-none"));
  else
    g_assert_cmpuint (count_prefixed (GTK_WIDGET (page), "dlp:"), ==, posture_snapshot_get_n_dlp_policies (snapshot));
  for (guint i = 0; i < posture_snapshot_get_n_dlp_policies (snapshot); i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);
      g_autofree char *name = g_strconcat ("dlp:", policy->name, NULL);

      row = find_named (GTK_WIDGET (page), name);
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, policy->display_name);
    }

  /* Environment summaries count what the snapshot holds. */
  n_envs = posture_snapshot_get_n_environments (snapshot);
  g_assert_cmpuint (n_envs, >, 0);
  for (guint i = 0; i < n_envs; i++)
    n_managed += posture_snapshot_get_environment (snapshot, i)->managed ? 1 : 0;
  row = find_named (GTK_WIDGET (page), "env:managed");
  g_assert_nonnull (row);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "applicable")), ==, n_envs);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "passing")), ==, n_managed);
  g_assert_nonnull (find_named (GTK_WIDGET (page), "env:auditing"));
  g_assert_nonnull (find_named (GTK_WIDGET (page), "env:security-group"));

  /* A new snapshot replaces the rows rather than adding to them. */
  posture_policies_page_set_snapshot (page, NULL);
  posture_policies_page_set_snapshot (page, snapshot);
  g_assert_cmpuint (count_prefixed (GTK_WIDGET (page), "env:managed"), ==, 1);

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
  g_assert_finalize_object (page);
}

static void
test_policies_change (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(PostureSnapshot) snapshot = read_snapshot (fx);
  g_autoptr(PostureSnapshot) after = NULL;
  const char *path = "disableTrialEnvironmentCreationByNonAdminUsers";
  PosturePoliciesPage *page;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  GtkSwitch *toggle;
  gboolean before = FALSE;
  gboolean now = FALSE;
  guint changed = 0;
  guint requests;

  g_assert_true (posture_json_get_path_boolean (posture_snapshot_get_tenant_settings (snapshot), path, &before));

  page = posture_policies_page_new ();
  g_object_ref_sink (page);
  window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (window);
  gtk_window_set_child (window, GTK_WIDGET (page));
  posture_policies_page_set_client (page, fx->client);
  posture_policies_page_set_snapshot (page, snapshot);
  g_signal_connect (page, "changed", G_CALLBACK (on_changed_cb), &changed);
  gtk_window_present (window);

  /* Cancelling the confirmation changes nothing, locally or remotely. */
  requests = posture_demo_server_get_request_count (fx->server);
  toggle = row_switch (GTK_WIDGET (page), "isolation");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
  gtk_switch_set_active (toggle, !gtk_switch_get_state (toggle));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "isDisabled"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* as its buttons do */
  g_assert_cmpint (gtk_switch_get_active (toggle), ==, gtk_switch_get_state (toggle));
  g_assert_cmpint (gtk_switch_get_state (toggle), ==,
                   posture_snapshot_get_isolation_state (snapshot) == POSTURE_ISOLATION_ENABLED);
  g_assert_cmpuint (posture_demo_server_get_request_count (fx->server), ==, requests);
  g_assert_cmpuint (changed, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* A confirmed tenant-setting change states the exact change and goes through. */
  toggle = row_switch (GTK_WIDGET (page), "setting:disableTrialEnvironmentCreationByNonAdminUsers");
  gtk_switch_set_active (toggle, !before);
  g_assert_cmpint (gtk_switch_get_state (toggle), ==, before);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), !before ? "true" : "false"));
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* as its buttons do */
  WAIT_FOR (changed == 1);
  g_assert_cmpint (gtk_switch_get_state (toggle), ==, !before);

  /* The tenant says so too when read again. */
  after = read_snapshot (fx);
  g_assert_true (posture_json_get_path_boolean (posture_snapshot_get_tenant_settings (after), path, &now));
  g_assert_cmpint (now, ==, !before);

  /* Turning isolation on, confirmed, is read back as enabled. */
  posture_policies_page_set_snapshot (page, after);
  toggle = row_switch (GTK_WIDGET (page), "isolation");
  if (!gtk_switch_get_state (toggle))
    {
      g_autoptr(PostureSnapshot) third = NULL;

      gtk_switch_set_active (toggle, TRUE);
      dialog = find_message_dialog ();
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* as its buttons do */
      WAIT_FOR (changed == 2);
      third = read_snapshot (fx);
      g_assert_cmpint (posture_snapshot_get_isolation_state (third), ==, POSTURE_ISOLATION_ENABLED);
    }

  /* Without a client the page is read-only again. */
  posture_policies_page_set_client (page, NULL);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row_switch (GTK_WIDGET (page), "isolation"))));

  while (g_main_context_iteration (NULL, FALSE))
    ;

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
  g_assert_finalize_object (page);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/posture/ui/policies/show-demo", Fixture, NULL,
              fixture_set_up, test_policies_show_demo, fixture_tear_down);
  g_test_add ("/posture/ui/policies/change", Fixture, NULL,
              fixture_set_up, test_policies_change, fixture_tear_down);

  return g_test_run ();
}
