/* test-token-store.c: the in-memory store, and the libsecret store without a
 * Secret Service (it must say so, never fall back to a file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

static void
store (PostureTokenStore *store_,
       PostureSecretKind  kind,
       const char        *tenant,
       const char        *client_id,
       const char        *secret,
       GError           **error)
{
  PostureCredentialInfo info = { kind, (char *) tenant, (char *) client_id, (char *) "public" };
  Wait wait = { 0 };

  posture_token_store_store_async (store_, &info, secret, NULL, wait_cb, &wait);
  wait_for (&wait);
  posture_token_store_store_finish (store_, wait.result, error);
  g_clear_object (&wait.result);
}

static char *
lookup (PostureTokenStore  *store_,
        PostureSecretKind   kind,
        const char         *tenant,
        const char         *client_id,
        char              **out_client_id,
        GError            **error)
{
  Wait wait = { 0 };
  char *secret;

  posture_token_store_lookup_async (store_, kind, tenant, client_id, "public", NULL, wait_cb,
                                    &wait);
  wait_for (&wait);
  secret = posture_token_store_lookup_finish (store_, wait.result, out_client_id, error);
  g_clear_object (&wait.result);
  return secret;
}

static void
test_memory_round_trip (void)
{
  g_autoptr(PostureTokenStore) s = posture_memory_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) secret = NULL;
  g_autofree char *client_id = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Wait wait = { 0 };
  guint removed;

  store (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "t2", "c1", "rt-one", &error);
  g_assert_no_error (error);
  store (s, POSTURE_SECRET_KIND_CLIENT_SECRET, "t1", "c9", "cs-one", &error);
  g_assert_no_error (error);
  store (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "t2", "c1", "rt-two", &error);   /* replaces */
  g_assert_no_error (error);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (s)), ==, 2);

  secret = lookup (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "t2", NULL, &client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "rt-two");
  g_assert_cmpstr (client_id, ==, "c1");
  g_clear_pointer (&secret, posture_secret_free);

  secret = lookup (s, POSTURE_SECRET_KIND_CLIENT_SECRET, "t2", NULL, NULL, &error);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND);
  g_assert_null (secret);
  g_clear_error (&error);

  posture_token_store_list_async (s, NULL, wait_cb, &wait);
  wait_for (&wait);
  list = posture_token_store_list_finish (s, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PostureCredentialInfo *) g_ptr_array_index (list, 0))->tenant, ==, "t1");
  g_assert_cmpint (((PostureCredentialInfo *) g_ptr_array_index (list, 1))->kind, ==,
                   POSTURE_SECRET_KIND_REFRESH_TOKEN);

  posture_token_store_clear_async (s, "t2", NULL, "public", NULL, wait_cb, &wait);
  wait_for (&wait);
  removed = posture_token_store_clear_finish (s, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (s)), ==, 1);

  posture_memory_token_store_set_available (POSTURE_MEMORY_TOKEN_STORE (s), FALSE);
  store (s, POSTURE_SECRET_KIND_REFRESH_TOKEN, "t3", "c1", "x", &error);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE);
}

static void
test_secret_service_missing (void)
{
  g_autoptr(PostureTokenStore) s = posture_secret_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) secret = NULL;
  g_autoptr(GDir) dir = NULL;

  store (s, POSTURE_SECRET_KIND_CLIENT_SECRET, "t1", "c1", "must-not-land-anywhere", &error);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "Secret Service"));
  g_assert_null (strstr (error->message, "must-not-land-anywhere"));
  g_clear_error (&error);

  secret = lookup (s, POSTURE_SECRET_KIND_CLIENT_SECRET, "t1", NULL, NULL, &error);
  g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE);
  g_assert_null (secret);

  /* No plaintext fallback: nothing was written under the data directory */
  dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No session bus at all: the Secret Service cannot be reached. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/posture-test-bus", TRUE);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("SECRET_BACKEND");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/token-store/memory", test_memory_round_trip);
  g_test_add_func ("/posture/tenant/token-store/secret-service-missing",
                   test_secret_service_missing);

  return g_test_run ();
}
