/* test-tenant-switcher.c: the header-bar tenant switcher lists, switches and signs out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

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

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w;
       w = gtk_widget_get_next_sibling (w))
    n++;

  return n;
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *tenant)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w;
       w = gtk_widget_get_next_sibling (w))
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
  PostureCredentialInfo info = { kind, (char *) tenant, (char *) POSTURE_DEMO_CLIENT_ID,
                                 (char *) cloud_key };
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

  if (posture_tenant_switcher_sign_out_finish (POSTURE_TENANT_SWITCHER (object), result, &removed,
                                               error))
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
  static const char *tenants [] = { "fabrikam.onmicrosoft.com",
                                    "11111111-2222-3333-4444-555555555555", NULL };
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
  posture_tenant_switcher_set_tenant_title (switcher, "FABRIKAM.onmicrosoft.com",
                                            "Fabrikam <b>&amp;</b>");
  g_assert_cmpstr (posture_tenant_switcher_get_label (switcher), ==, "Fabrikam <b>&amp;</b>");

  /* The settings drive it too: a new sign-in appears, the active key switches. */
  {
    static const char *more [] = { "fabrikam.onmicrosoft.com",
                                   "11111111-2222-3333-4444-555555555555",
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
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==,
                    4);

  posture_tenant_switcher_sign_out_async (switcher, tenants[1], NULL, sign_out_cb, &error);
  while (g_object_get_data (G_OBJECT (switcher), "removed") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (switcher), "removed")), ==,
                    3 + 1);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==,
                    1);
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

/* In the header bar of a wide window the tenant's whole name shows; in a narrow one it
 * is shortened, and the switcher never makes the header wider than the window. */
static void
test_switcher_full_name (void)
{
  static const char *const views [] = { "Overview", "Recommendations", "Policies", "Training",
                                        "History" };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.posture.Posture");
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *stack = GTK_WIDGET (adw_view_stack_new ());
  GtkWidget *title = adw_view_switcher_title_new ();
  PostureTenantSwitcher *switcher = posture_tenant_switcher_new (settings, store);
  GtkLabel *label = child (switcher, "label");
  int minimum;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (stack), gtk_label_new (views [i]),
                                         views [i], views [i], "emblem-system-symbolic");
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), ADW_VIEW_STACK (stack));
  adw_header_bar_set_centering_policy (ADW_HEADER_BAR (header), ADW_CENTERING_POLICY_STRICT);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (switcher));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                             gtk_button_new_from_icon_name ("view-refresh-symbolic"));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), stack);
  adw_window_set_content (ADW_WINDOW (window), box);
  posture_tenant_switcher_set_active_tenant (switcher, "");

  /* Narrow: the name gives way, and the header fits 360 px. */
  gtk_window_set_default_size (window, 360, 720);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_test_message ("window minimum at 360 px: %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  /* Nothing cut down to "…": an icon, and the whole name in the tooltip. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (switcher, "narrow_icon"))));
  {
    const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (child (switcher, "button")));

    g_assert_nonnull (strstr (tooltip, POSTURE_DEMO_TENANT_NAME));
  }

  /* Wide: the whole name, though the view switcher would take the room. */
  gtk_window_set_default_size (window, 1280, 720);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (gtk_widget_get_width (GTK_WIDGET (window)) < 720 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_test_message ("label %s: %d px of %d", gtk_label_get_text (label),
                  gtk_widget_get_width (GTK_WIDGET (label)),
                  gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 600);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (switcher, "narrow_icon"))));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));

  /* And the window can still be made narrower than where the name gives way. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_test_message ("window minimum at 1280 px: %d", minimum);
  g_assert_cmpint (minimum, <, 600);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/tenant-switcher/switch-and-sign-out", test_switcher);
  g_test_add_func ("/posture/ui/tenant-switcher/full-name", test_switcher_full_name);

  return g_test_run ();
}
