/* test-no-secrets.c: no token, refresh token, device code or client secret ever
 * reaches a file under the test's XDG directories or the debug log (with
 * G_MESSAGES_DEBUG=all and the header-level POSTURE_HTTP_DEBUG=1 logger on)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "fake-tenant.h"
#include "posture-json.h"
#include "posture-tenant.h"

static GString *captured;

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

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        {
          if (fields[i].length < 0)
            g_string_append (captured, fields[i].value);
          else
            g_string_append_len (captured, fields[i].value, fields[i].length);
          g_string_append_c (captured, ' ');
        }
    }
  g_string_append_c (captured, '\n');

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
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
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hits += scan_tree (path, needle);
      else if (g_file_get_contents (path, &contents, &len, NULL) &&
               memmem (contents, len, needle, strlen (needle)) != NULL)
        hits++;
    }
  return hits;
}

static void
assert_nowhere (const char *secret)
{
  const char *dirs[] = {
    g_get_home_dir (), g_get_user_data_dir (), g_get_user_cache_dir (),
    g_get_user_config_dir (), g_get_user_state_dir (), g_get_user_runtime_dir (),
  };

  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >, 8);
  if (strstr (captured->str, secret) != NULL)
    g_error ("A secret reached the log: %.12s…", secret);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_assert_cmpuint (scan_tree (dirs[i], secret), ==, 0);
}

static void
test_no_secrets (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  g_autoptr(PostureEndpoints) endpoints = posture_endpoints_new (NULL, fake->base, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autofree char *snapshot_path = NULL;
  g_autofree char *text = NULL;
  PostureHttpOptions o;
  Wait wait = { 0 };

  posture_http_options_init_default (&o);
  o.device_poll_min_ms = 0;
  o.base_delay_ms = 1;
  fake->device_pending = 1;
  fake->rotate_refresh = TRUE;
  fake_tenant_add_fault (fake, "/v2/policies/p-a", 1, 401, NULL, FALSE, FALSE);
  fake_tenant_add_fault (fake, "/listTenantSettings", 1, 503, NULL, FALSE, FALSE);
  fake_tenant_add_fault (fake, "/oauth2/v2.0/token", 1, 500, NULL, FALSE, FALSE);

  /* Device code, then a read with refresh-token grants (rotating), a 401, retries */
  {
    g_autoptr (PostureOAuth) oauth =
        posture_oauth_new (endpoints, FAKE_TENANT_DOMAIN, FAKE_CLIENT_ID, store, &o);
    g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
    g_autoptr(PostureDeviceCode) code = NULL;

    posture_oauth_request_device_code_async (oauth, NULL, wait_cb, &wait);
    wait_for (&wait);
    code = posture_oauth_request_device_code_finish (oauth, wait.result, &error);
    g_assert_no_error (error);
    g_clear_object (&wait.result);
    posture_oauth_poll_device_code_async (oauth, code, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_poll_device_code_finish (oauth, wait.result, &error));
    g_clear_object (&wait.result);

    posture_tenant_client_read_snapshot_async (client, NULL, NULL, wait_cb, &wait);
    wait_for (&wait);
    snapshot = posture_tenant_client_read_snapshot_finish (client, wait.result, &error);
    g_assert_no_error (error);
    g_clear_object (&wait.result);
  }

  /* Client credentials: a wrong secret (error message), then the right one */
  {
    g_autoptr (PostureOAuth) oauth =
        posture_oauth_new (endpoints, FAKE_TENANT_ID, FAKE_CLIENT_ID, NULL, &o);

    posture_oauth_sign_in_with_secret_async (oauth, "WRONG-secret-value-123", NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_false (posture_oauth_sign_in_with_secret_finish (oauth, wait.result, &error));
    g_debug ("sign-in error: %s", error->message);
    g_clear_error (&error);
    g_clear_object (&wait.result);

    posture_oauth_sign_in_with_secret_async (oauth, FAKE_SECRET, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_sign_in_with_secret_finish (oauth, wait.result, &error));
    g_clear_object (&wait.result);
  }

  /* What the CLI and the app write: the snapshot */
  snapshot_path = g_build_filename (g_get_user_cache_dir (), "posture", "snapshot.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  {
    g_autofree char *dir = g_path_get_dirname (snapshot_path);

    g_mkdir_with_parents (dir, 0700);
  }
  text = posture_json_to_string (posture_snapshot_get_json (snapshot), TRUE);
  g_assert_true (g_file_set_contents (snapshot_path, text, -1, NULL));

  /* The log did capture the traffic (so the scan means something) */
  g_assert_nonnull (strstr (captured->str, "listTenantSettings"));
  g_assert_nonnull (strstr (captured->str, "Authorization: [redacted]"));

  g_assert_cmpuint (fake->issued->len, >=, 6);
  for (guint i = 0; i < fake->issued->len; i++)
    {
      const char *token = g_ptr_array_index (fake->issued, i);
      g_auto(GStrv) parts = g_strsplit (token, ".", 3);

      assert_nowhere (token);
      /* the signature part alone neither */
      if (parts[1] != NULL && parts[2] != NULL)
        assert_nowhere (parts[2]);
    }
  assert_nowhere (FAKE_SECRET);
  assert_nowhere ("WRONG-secret-value-123");
  assert_nowhere (FAKE_REFRESH);
  assert_nowhere ("DEVICE-CODE-secret");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("POSTURE_HTTP_DEBUG", "1", TRUE);
  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/no-secrets", test_no_secrets);

  return g_test_run ();
}
