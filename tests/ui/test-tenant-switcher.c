/* test-tenant-switcher.c: the header-bar tenant switcher lists, switches and signs out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-demo-server.h"
#include "posture-tenant-switcher.h"

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget),
                                                   POSTURE_TYPE_TENANT_SWITCHER, name);

  g_assert_nonnull (object);
  return object;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w; w = gtk_widget_get_next_sibling (w))
    n++;

  return n;
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *tenant)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w; w = gtk_widget_get_next_sibling (w))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (w), "tenant"), tenant) == 0)
        return GTK_LIST_BOX_ROW (w);
    }

  return NULL;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_token_store_store_finish (POSTURE_TOKEN_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
store_item (PostureTokenStore *store,
            PostureSecretKind  kind,
            const char        *tenant,
            const char        *cloud_key)
{
  PostureCredentialInfo info = { kind, (char *) tenant, (char *) POSTURE_DEMO_CLIENT_ID, (char *) cloud_key };
  gboolean done = FALSE;

  posture_token_store_store_async (store, &info, "secret-value", NULL, store_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  guint removed = 0;

  if (posture_tenant_switcher_sign_out_finish (POSTURE_TENANT_SWITCHER (object), result, &removed, error))
    g_object_set_data (object, "removed", GUINT_TO_POINTER (removed + 1));
  else
    g_object_set_data (object, "removed", GUINT_TO_POINTER (G_MAXUINT));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_switcher (void)
{
  static const char *tenants[] = { "fabrikam.onmicrosoft.com", "11111111-2222-3333-4444-555555555555", NULL };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.posture.Posture");
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  g_autoptr(GError) error = NULL;
  PostureTenantSwitcher *switcher;
  GtkWindow *window;
  GtkListBox *list;
  guint notified = 0;

  g_settings_set_strv (settings, "tenants", tenants);
  g_settings_set_string (settings, "active-tenant", "");

  switcher = posture_tenant_switcher_new (settings, store);
  g_object_ref_sink (switcher);
  window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (window);
  gtk_window_set_child (window, GTK_WIDGET (switcher));
  gtk_window_present (window);
  list = child (switcher, "list");

  g_signal_connect (switcher, "notify::active-tenant", G_CALLBACK (on_notify_cb), &notified);

  /* The demo first, then each signed-in tenant. */
  g_assert_cmpstr (posture_tenant_switcher_get_active_tenant (switcher), ==, "");
  g_assert_cmpstr (posture_tenant_switcher_get_label (switcher), ==, POSTURE_DEMO_TENANT_NAME);
  g_assert_cmpuint (count_rows (list), ==, 3);
  g_assert_nonnull (find_row (list, ""));
  g_assert_nonnull (find_row (list, tenants[0]));
  g_assert_nonnull (find_row (list, tenants[1]));

  /* Picking a row switches: property, label and settings. */
  g_signal_emit_by_name (list, "row-activated", find_row (list, tenants[0]));
  g_assert_cmpstr (posture_tenant_switcher_get_active_tenant (switcher), ==, tenants[0]);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (posture_tenant_switcher_get_label (switcher), ==, tenants[0]);
  {
    g_autofree char *active = g_settings_get_string (settings, "active-tenant");
    g_assert_cmpstr (active, ==, tenants[0]);
  }

  /* A display name from the tenant replaces the domain, shown as text. */
  posture_tenant_switcher_set_tenant_title (switcher, "FABRIKAM.onmicrosoft.com", "Fabrikam <b>&amp;</b>");
  g_assert_cmpstr (posture_tenant_switcher_get_label (switcher), ==, "Fabrikam <b>&amp;</b>");

  /* The settings drive it too: a new sign-in appears, the active key switches. */
  {
    static const char *more[] = { "fabrikam.onmicrosoft.com", "11111111-2222-3333-4444-555555555555",
                                  "contoso.onmicrosoft.com", NULL };
    g_settings_set_strv (settings, "tenants", more);
  }
  g_assert_cmpuint (count_rows (list), ==, 4);
  g_settings_set_string (settings, "active-tenant", tenants[1]);
  g_assert_cmpstr (posture_tenant_switcher_get_active_tenant (switcher), ==, tenants[1]);
  g_assert_cmpuint (notified, ==, 2);

  /* Sign out removes the tenant's items in every cloud, its id, and switches to the demo. */
  store_item (store, POSTURE_SECRET_KIND_REFRESH_TOKEN, tenants[1], "public");
  store_item (store, POSTURE_SECRET_KIND_CLIENT_SECRET, tenants[1], "public");
  store_item (store, POSTURE_SECRET_KIND_REFRESH_TOKEN, tenants[1], "http://127.0.0.1:4711");
  store_item (store, POSTURE_SECRET_KIND_REFRESH_TOKEN, tenants[0], "public");
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==, 4);

  posture_tenant_switcher_sign_out_async (switcher, tenants[1], NULL, sign_out_cb, &error);
  while (g_object_get_data (G_OBJECT (switcher), "removed") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (switcher), "removed")), ==, 3 + 1);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==, 1);
  {
    g_auto(GStrv) left = g_settings_get_strv (settings, "tenants");
    g_autofree char *active = g_settings_get_string (settings, "active-tenant");

    g_assert_false (g_strv_contains ((const char * const *) left, tenants[1]));
    g_assert_true (g_strv_contains ((const char * const *) left, tenants[0]));
    g_assert_cmpstr (active, ==, "");
  }
  g_assert_cmpstr (posture_tenant_switcher_get_active_tenant (switcher), ==, "");
  g_assert_cmpuint (count_rows (list), ==, 3);

  /* A locked keyring keeps the tenant listed and says so. */
  g_object_set_data (G_OBJECT (switcher), "removed", NULL);
  posture_memory_token_store_set_available (POSTURE_MEMORY_TOKEN_STORE (store), FALSE);
  posture_tenant_switcher_sign_out_async (switcher, tenants[0], NULL, sign_out_cb, &error);
  while (g_object_get_data (G_OBJECT (switcher), "removed") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE);
  {
    g_auto(GStrv) left = g_settings_get_strv (settings, "tenants");
    g_assert_true (g_strv_contains ((const char * const *) left, tenants[0]));
  }

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
  g_assert_finalize_object (switcher);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/tenant-switcher/switch-and-sign-out", test_switcher);

  return g_test_run ();
}
