/* test-keyring.c: the libsecret token store against a real, unlocked gnome-keyring
 * (suite "keyring", run by tests/with-keyring.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "fake-tenant.h"
#include "posture-tenant.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_set_object (&wait->result, result);
}

static void
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static char *keyring_home;   /* with-keyring.sh's private HOME, where the daemon writes */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static guint
scan_tree (const char *dir_path,
           const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint hits = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hits += scan_tree (path, needle);
      else if (file_contains (path, needle))
        hits++;
    }
  return hits;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(PostureTokenStore) s = posture_secret_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) secret = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *client_id = NULL;
  PostureCredentialInfo info = { POSTURE_SECRET_KIND_REFRESH_TOKEN,
                                 (char *) "contoso.onmicrosoft.com", (char *) "client-a",
                                 (char *) "public" };
  Wait wait = { 0 };
  guint removed;

  posture_token_store_store_async (s, &info, "rt-keyring-AAAA", NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_token_store_store_finish (s, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  /* Storing again replaces */
  posture_token_store_store_async (s, &info, "rt-keyring-BBBB", NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_token_store_store_finish (s, wait.result, &error));
  g_clear_object (&wait.result);

  info.kind = POSTURE_SECRET_KIND_CLIENT_SECRET;
  info.tenant = (char *) "fabrikam.onmicrosoft.com";
  posture_token_store_store_async (s, &info, "cs-keyring-CCCC", NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_token_store_store_finish (s, wait.result, &error));
  g_clear_object (&wait.result);

  posture_token_store_lookup_async (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "contoso.onmicrosoft.com",
                                    NULL, "public", NULL, wait_cb, &wait);
  wait_for (&wait);
  secret = posture_token_store_lookup_finish (s, wait.result, &client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "rt-keyring-BBBB");
  g_assert_cmpstr (client_id, ==, "client-a");
  g_clear_object (&wait.result);

  posture_token_store_list_async (s, NULL, wait_cb, &wait);
  wait_for (&wait);
  list = posture_token_store_list_finish (s, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PostureCredentialInfo *) g_ptr_array_index (list, 0))->tenant, ==,
                   "contoso.onmicrosoft.com");
  g_assert_cmpstr (((PostureCredentialInfo *) g_ptr_array_index (list, 1))->client_id, ==,
                   "client-a");
  g_clear_object (&wait.result);

  /* The secrets are encrypted at rest: no plaintext under the test's home */
  g_assert_nonnull (keyring_home);
  g_assert_cmpuint (scan_tree (keyring_home, "rt-keyring-BBBB"), ==, 0);
  g_assert_cmpuint (scan_tree (keyring_home, "cs-keyring-CCCC"), ==, 0);
  g_assert_cmpuint (scan_tree (g_get_home_dir (), "rt-keyring-BBBB"), ==, 0);

  posture_token_store_clear_async (s, "contoso.onmicrosoft.com", NULL, "public", NULL, wait_cb,
                                   &wait);
  wait_for (&wait);
  removed = posture_token_store_clear_finish (s, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_clear_object (&wait.result);

  g_clear_pointer (&secret, posture_secret_free);
  posture_token_store_lookup_async (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "contoso.onmicrosoft.com",
                                    NULL, "public", NULL, wait_cb, &wait);
  wait_for (&wait);
  secret = posture_token_store_lookup_finish (s, wait.result, NULL, &error);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND);
  g_assert_null (secret);
  g_clear_object (&wait.result);
}

/* Device-code sign-in keeps the refresh token in the keyring; a new session
 * loads it, reads with it, and sign-out removes it. */
static void
test_keyring_sign_in (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureTokenStore) s = posture_secret_token_store_new ();
  g_autoptr(PostureEndpoints) endpoints = posture_endpoints_new (NULL, fake->base, NULL);
  g_autoptr(GError) error = NULL;
  PostureHttpOptions o;
  Wait wait = { 0 };

  posture_http_options_init_default (&o);
  o.device_poll_min_ms = 0;
  fake->device_pending = 1;

  {
    g_autoptr (PostureOAuth) oauth =
        posture_oauth_new (endpoints, FAKE_TENANT_DOMAIN, FAKE_CLIENT_ID, s, &o);
    g_autoptr(PostureDeviceCode) code = NULL;

    posture_oauth_request_device_code_async (oauth, NULL, wait_cb, &wait);
    wait_for (&wait);
    code = posture_oauth_request_device_code_finish (oauth, wait.result, &error);
    g_assert_no_error (error);
    g_clear_object (&wait.result);

    posture_oauth_poll_device_code_async (oauth, code, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_poll_device_code_finish (oauth, wait.result, &error));
    g_assert_no_error (error);
    g_clear_object (&wait.result);
  }

  {
    g_autoptr(PostureOAuth) oauth = posture_oauth_new (endpoints, FAKE_TENANT_DOMAIN, NULL, s, &o);
    g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
    g_autoptr(PostureSnapshot) snapshot = NULL;

    posture_oauth_load_async (oauth, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_load_finish (oauth, wait.result, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (posture_oauth_get_client_id (oauth), ==, FAKE_CLIENT_ID);
    g_clear_object (&wait.result);

    posture_tenant_client_read_snapshot_async (client, NULL, NULL, wait_cb, &wait);
    wait_for (&wait);
    snapshot = posture_tenant_client_read_snapshot_finish (client, wait.result, &error);
    g_assert_no_error (error);
    g_assert_nonnull (snapshot);
    g_clear_object (&wait.result);

    posture_oauth_sign_out_async (oauth, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_sign_out_finish (oauth, wait.result, &error));
    g_clear_object (&wait.result);

    posture_oauth_load_async (oauth, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_false (posture_oauth_load_finish (oauth, wait.result, &error));
    g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND);
    g_clear_object (&wait.result);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* with-keyring.sh gave the daemon a private HOME; remember it to scan it for
   * plaintext. The session bus address survives the directory isolation. */
  keyring_home = g_strdup (g_getenv ("HOME"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/posture/tenant/keyring/sign-in", test_keyring_sign_in);

  return g_test_run ();
}
