/* test-sign-in-dialog.c: the sign-in dialog against the demo tenant (device code and
 * service principal), its errors, and that it finalizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-demo-server.h"
#include "posture-markdown-view.h"
#include "posture-sign-in-dialog.h"

typedef struct
{
  PostureDemoServer *server;
  PostureTokenStore *store;
  GSettings         *settings;
  PostureHttpOptions options;
  char              *signed_in_tenant;
  PostureOAuth      *signed_in_oauth;
  guint              n_signed_in;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->server = posture_demo_server_new ();
  posture_demo_server_set_device_code_interval (fx->server, 0);
  posture_demo_server_set_device_code_polls (fx->server, 100000);
  g_assert_true (posture_demo_server_start (fx->server, 0, &error));
  g_assert_no_error (error);

  fx->store = posture_memory_token_store_new ();
  fx->settings = g_settings_new ("io.github.posture.Posture");
  g_settings_reset (fx->settings, "tenants");
  g_settings_reset (fx->settings, "cloud");

  posture_http_options_init_default (&fx->options);
  fx->options.device_poll_min_ms = 20;
  fx->options.base_delay_ms = 1;
  fx->options.max_attempts = 2;
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->signed_in_oauth);
  g_clear_pointer (&fx->signed_in_tenant, g_free);
  g_clear_object (&fx->settings);
  g_assert_finalize_object (fx->store);
  posture_demo_server_stop (fx->server);
  g_assert_finalize_object (fx->server);

  /* Let closed connections go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget),
                                                   POSTURE_TYPE_SIGN_IN_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
true_after_timeout (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until @cond holds or 20 s pass. */
#define WAIT_FOR(cond)                                                        \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint id_ = g_timeout_add_seconds (20, true_after_timeout, &timed_out_);  \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!timed_out_)                                                          \
      g_source_remove (id_);                                                  \
    g_assert_true (cond);                                                     \
  } G_STMT_END

static void
on_signed_in_cb (PostureSignInDialog *dialog,
                 const char          *tenant,
                 PostureOAuth        *oauth,
                 Fixture             *fx)
{
  fx->n_signed_in++;
  g_free (fx->signed_in_tenant);
  fx->signed_in_tenant = g_strdup (tenant);
  g_set_object (&fx->signed_in_oauth, oauth);
}

static PostureSignInDialog *
make_dialog (Fixture *fx)
{
  PostureSignInDialog *dialog;

  dialog = posture_sign_in_dialog_new (NULL, fx->settings, fx->store);
  g_object_ref_sink (dialog);
  posture_sign_in_dialog_set_tenant (dialog, POSTURE_DEMO_TENANT_ID);
  posture_sign_in_dialog_set_client_id (dialog, POSTURE_DEMO_CLIENT_ID);
  posture_sign_in_dialog_set_api_base (dialog, posture_demo_server_get_base_uri (fx->server));
  posture_sign_in_dialog_set_http_options (dialog, &fx->options);
  g_signal_connect (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), fx);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static gboolean
tenants_contain (GSettings  *settings,
                 const char *tenant)
{
  g_auto(GStrv) tenants = g_settings_get_strv (settings, "tenants");

  return g_strv_contains ((const char * const *) tenants, tenant);
}

static void
test_device_code_completes (Fixture       *fx,
                            gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);
  PostureDeviceCode *code;
  g_autofree char *user_code = NULL;
  GtkStack *stack = child (dialog, "stack");

  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (posture_sign_in_dialog_get_device_code (dialog) != NULL);

  /* The code is shown large and selectable, with its address and live state. */
  code = posture_sign_in_dialog_get_device_code (dialog);
  user_code = g_strdup (posture_device_code_get_user_code (code));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "device-code");
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "code_label")), ==, user_code);
  g_assert_true (gtk_label_get_selectable (child (dialog, "code_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "uri_label")),
                            posture_device_code_get_verification_uri (code)));
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "state_label")), ==,
                   "Waiting for you to sign in…");

  /* It keeps polling until the user approves. */
  WAIT_FOR (posture_device_code_get_polls (code) >= 2);
  g_assert_cmpuint (fx->n_signed_in, ==, 0);
  g_assert_false (tenants_contain (fx->settings, POSTURE_DEMO_TENANT_ID));

  /* The Copy button puts the code on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.copy-code", NULL));

  g_object_add_weak_pointer (G_OBJECT (code), (gpointer *) &code);
  g_assert_true (posture_demo_server_approve_device_code (fx->server, user_code));
  WAIT_FOR (fx->n_signed_in == 1);

  g_assert_cmpstr (fx->signed_in_tenant, ==, POSTURE_DEMO_TENANT_ID);
  g_assert_true (POSTURE_IS_OAUTH (fx->signed_in_oauth));
  g_assert_true (posture_oauth_get_signed_in (fx->signed_in_oauth));
  g_assert_true (tenants_contain (fx->settings, POSTURE_DEMO_TENANT_ID));
  /* The refresh token went to the store, nowhere else. */
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (fx->store)),
                    ==, 1);

  /* It closed itself and finalizes, and so does the device code it showed. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
  g_assert_null (code);
}

static void
test_device_code_declined (Fixture       *fx,
                           gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);
  GtkStack *stack = child (dialog, "stack");

  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (posture_sign_in_dialog_get_device_code (dialog) != NULL);

  g_assert_true (
      posture_demo_server_decline_device_code (fx->server,
                                               posture_device_code_get_user_code (
                                                   posture_sign_in_dialog_get_device_code (
                                                       dialog))));
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "retry_button")));

  g_assert_cmpstr (posture_sign_in_dialog_get_error_text (dialog), ==, "Declined");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (dialog, "state_label")), "Declined"));
  g_assert_false (gtk_spinner_get_spinning (child (dialog, "state_spinner")));
  g_assert_cmpuint (fx->n_signed_in, ==, 0);
  g_assert_false (tenants_contain (fx->settings, POSTURE_DEMO_TENANT_ID));
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (fx->store)),
                    ==, 0);

  /* Start Again returns to the form, which can sign in once more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.retry", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  g_assert_null (posture_sign_in_dialog_get_device_code (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_device_code_expired (Fixture       *fx,
                          gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);

  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (posture_sign_in_dialog_get_device_code (dialog) != NULL);

  g_assert_true (
      posture_demo_server_expire_device_code (fx->server,
                                              posture_device_code_get_user_code (
                                                  posture_sign_in_dialog_get_device_code (
                                                      dialog))));
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "retry_button")));

  /* The service said expired_token before the local expiry: shown as no longer valid. */
  g_assert_nonnull (posture_sign_in_dialog_get_error_text (dialog));
  g_assert_cmpuint (fx->n_signed_in, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_device_code_cancel (Fixture       *fx,
                         gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);
  PostureDeviceCode *code;
  guint polls;

  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (posture_sign_in_dialog_get_device_code (dialog) != NULL);
  code = g_object_ref (posture_sign_in_dialog_get_device_code (dialog));
  WAIT_FOR (posture_device_code_get_polls (code) >= 1);

  /* Cancel (Escape, the Cancel button) closes the dialog and stops polling. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  /* The cancelled poll hands back its reference on the next iterations. */
  WAIT_FOR (G_OBJECT (dialog)->ref_count == 1);
  g_assert_finalize_object (dialog);

  polls = posture_device_code_get_polls (code);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (posture_device_code_get_polls (code), ==, polls);
  g_assert_cmpuint (fx->n_signed_in, ==, 0);
  g_assert_finalize_object (code);
}

static void
test_service_principal (Fixture       *fx,
                        gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);
  GtkEditable *secret_row = child (dialog, "secret_row");

  posture_sign_in_dialog_set_mode (dialog, POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (secret_row)));

  /* A missing secret is caught before any request. */
  posture_sign_in_dialog_sign_in (dialog);
  g_assert_nonnull (posture_sign_in_dialog_get_error_text (dialog));
  g_assert_cmpuint (posture_demo_server_get_request_count (fx->server), ==, 0);

  /* A wrong secret is refused with a message that says what to check, and the
   * secret is not left in the entry. */
  gtk_editable_set_text (secret_row, "not-the-secret");
  posture_sign_in_dialog_sign_in (dialog);
  g_assert_cmpstr (gtk_editable_get_text (secret_row), ==, "");
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (child (dialog, "stack")), "form") == 0);
  g_assert_nonnull (posture_sign_in_dialog_get_error_text (dialog));
  g_assert_nonnull (strstr (posture_sign_in_dialog_get_error_text (dialog), "client secret"));
  g_assert_null (strstr (posture_sign_in_dialog_get_error_text (dialog), "not-the-secret"));
  g_assert_cmpuint (fx->n_signed_in, ==, 0);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (fx->store)),
                    ==, 0);

  /* The demo's client secret signs in; the secret goes only to the store. */
  gtk_editable_set_text (secret_row, POSTURE_DEMO_CLIENT_SECRET);
  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (fx->n_signed_in == 1);
  g_assert_cmpstr (fx->signed_in_tenant, ==, POSTURE_DEMO_TENANT_ID);
  g_assert_true (tenants_contain (fx->settings, POSTURE_DEMO_TENANT_ID));
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (fx->store)),
                    ==, 1);
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (fx->settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (fx->settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);

        g_assert_null (strstr (text, POSTURE_DEMO_CLIENT_SECRET));
      }
  }

  g_assert_finalize_object (dialog);
}

static void
test_store_unavailable (Fixture       *fx,
                        gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);

  posture_memory_token_store_set_available (POSTURE_MEMORY_TOKEN_STORE (fx->store), FALSE);
  posture_sign_in_dialog_set_mode (dialog, POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL);
  gtk_editable_set_text (child (dialog, "secret_row"), POSTURE_DEMO_CLIENT_SECRET);
  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (child (dialog, "stack")), "form") == 0);

  g_assert_nonnull (strstr (posture_sign_in_dialog_get_error_text (dialog), "keyring"));
  g_assert_cmpuint (fx->n_signed_in, ==, 0);
  g_assert_false (tenants_contain (fx->settings, POSTURE_DEMO_TENANT_ID));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_form_validation (Fixture       *fx,
                      gconstpointer  data)
{
  static const char *bad_tenants [] = { "",    "   ",      "../../evil", "contoso.com/x?y",
                                        "a b", ".contoso", "é.com" };
  PostureSignInDialog *dialog = make_dialog (fx);

  for (guint i = 0; i < G_N_ELEMENTS (bad_tenants); i++)
    {
      posture_sign_in_dialog_set_tenant (dialog, bad_tenants[i]);
      posture_sign_in_dialog_sign_in (dialog);
      g_assert_nonnull (posture_sign_in_dialog_get_error_text (dialog));
      g_assert_true (gtk_widget_get_visible (child (dialog, "form_error_label")));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, "stack")), ==, "form");
    }

  posture_sign_in_dialog_set_tenant (dialog, POSTURE_DEMO_TENANT_DOMAIN);
  posture_sign_in_dialog_set_client_id (dialog, "not a client id");
  posture_sign_in_dialog_sign_in (dialog);
  g_assert_nonnull (strstr (posture_sign_in_dialog_get_error_text (dialog), "client ID"));

  /* A plain-http API base outside loopback is refused before any request. */
  posture_sign_in_dialog_set_client_id (dialog, POSTURE_DEMO_CLIENT_ID);
  posture_sign_in_dialog_set_api_base (dialog, "http://example.com");
  posture_sign_in_dialog_sign_in (dialog);
  g_assert_nonnull (strstr (posture_sign_in_dialog_get_error_text (dialog), "API base"));

  g_assert_cmpuint (posture_demo_server_get_request_count (fx->server), ==, 0);
  g_assert_cmpuint (fx->n_signed_in, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* The help says what the tenant needs: the app registration, the permissions per
 * source, consent, the management application and application users; then back. */
static void
test_help (Fixture       *fx,
           gconstpointer  data)
{
  static const char * const needed[] = {
    "Allow public client flows", "PowerApps Service", "Dynamics CRM", "user_impersonation",
    "Organization.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory",
    "Grant admin consent", "pac admin application register", "New-PowerAppManagementApp",
    "application user", "Access Denied", "unknown",
  };
  PostureSignInDialog *dialog = make_dialog (fx);
  g_autofree char *text = NULL;

  /* The form and the help fit 360 px. */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.help", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, "stack")), ==, "help");
  /* Nothing is signed in from the help. */
  g_assert_false (gtk_widget_get_visible (child (dialog, "sign_in_button")));

  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_test_message ("help: minimum width %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  text = posture_markdown_view_dup_text (child (dialog, "help_view"));
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_test_message ("%s", needed[i]);
      g_assert_nonnull (strstr (text, needed[i]));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, "stack")), ==, "form");
  g_assert_true (gtk_widget_get_visible (child (dialog, "sign_in_button")));
  g_assert_cmpuint (posture_demo_server_get_request_count (fx->server), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_network_error (Fixture       *fx,
                    gconstpointer  data)
{
  PostureSignInDialog *dialog = make_dialog (fx);
  g_autofree char *base = g_strdup (posture_demo_server_get_base_uri (fx->server));

  /* Nobody listens there any more. */
  posture_demo_server_stop (fx->server);
  posture_sign_in_dialog_sign_in (dialog);
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (child (dialog, "stack")), "form") == 0);
  g_assert_nonnull (strstr (posture_sign_in_dialog_get_error_text (dialog), "network"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/posture/ui/sign-in/device-code", Fixture, NULL,
              fixture_set_up, test_device_code_completes, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/device-code-declined", Fixture, NULL,
              fixture_set_up, test_device_code_declined, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/device-code-expired", Fixture, NULL,
              fixture_set_up, test_device_code_expired, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/device-code-cancel", Fixture, NULL,
              fixture_set_up, test_device_code_cancel, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/service-principal", Fixture, NULL,
              fixture_set_up, test_service_principal, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/store-unavailable", Fixture, NULL,
              fixture_set_up, test_store_unavailable, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/validation", Fixture, NULL,
              fixture_set_up, test_form_validation, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/help", Fixture, NULL,
              fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/posture/ui/sign-in/network-error", Fixture, NULL,
              fixture_set_up, test_network_error, fixture_tear_down);

  return g_test_run ();
}
