/* test-error-text.c: the one error-to-text mapper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "fake-tenant.h"
#include "posture-error.h"
#include "posture-tenant.h"

static void
assert_text (const GError *error,
             gboolean      with_detail)
{
  g_autofree char *text = posture_error_to_text (error);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_nonnull (posture_error_get_title (error));
  g_assert_cmpstr (posture_error_get_title (error), !=, "");
  g_assert_nonnull (posture_error_get_advice (error));
  /* What happened, [the details], what to do */
  g_assert_cmpuint (g_strv_length (lines), ==, with_detail ? 3 : 2);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, posture_error_get_advice (error));
  if (with_detail)
    g_assert_cmpstr (lines[1], ==, error->message);
}

static void
test_every_code (void)
{
  for (int code = POSTURE_CLIENT_ERROR_INVALID_REQUEST; code <= POSTURE_CLIENT_ERROR_NOT_SIGNED_IN;
       code++)
    {
      g_autoptr(GError) error = g_error_new (POSTURE_CLIENT_ERROR, code, "detail %d", code);

      assert_text (error, TRUE);
    }
  for (int code = POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE;
       code <= POSTURE_TOKEN_STORE_ERROR_NOT_FOUND; code++)
    {
      g_autoptr(GError) error = g_error_new (POSTURE_TOKEN_STORE_ERROR, code, "tenant x");

      assert_text (error, TRUE);
    }

  /* Distinct advice where the remedies differ */
  {
    g_autoptr (GError) timed_out =
        g_error_new_literal (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT, "x");
    g_autoptr (GError) reauth =
        g_error_new_literal (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH, "x");
    g_autoptr (GError) newer =
        g_error_new_literal (POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION,
                             "v3");
    g_autoptr (GError) invalid =
        g_error_new_literal (POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                             "x.json: sources");
    g_autoptr (GError) deep =
        g_error_new_literal (POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP, "x");
    g_autoptr (GError) cancelled =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
    g_autoptr (GError) missing =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "snapshot.json: No such file");
    g_autoptr(GError) other = g_error_new_literal (G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "line 3");

    g_assert_nonnull (strstr (posture_error_get_advice (timed_out), "--timeout"));
    g_assert_nonnull (strstr (posture_error_get_advice (reauth), "login"));
    g_assert_nonnull (strstr (posture_error_get_advice (newer), "Update Posture"));
    g_assert_cmpstr (posture_error_get_title (newer), ==, posture_error_get_title (invalid));
    g_assert_cmpstr (posture_error_get_advice (newer), !=, posture_error_get_advice (invalid));
    assert_text (deep, TRUE);
    /* Nothing to add to "stopped" */
    assert_text (cancelled, FALSE);
    assert_text (missing, TRUE);
    g_assert_cmpstr (posture_error_get_title (missing), ==, "File Not Found");
    /* Any other error: a general text that keeps its message */
    assert_text (other, TRUE);
  }
}

/* A secret never reaches the text, even when a hostile sign-in service repeats it */
static void
test_no_secret (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureEndpoints) endpoints = posture_endpoints_new (NULL, fake->base, NULL);
  g_autoptr (PostureOAuth) oauth =
      posture_oauth_new (endpoints, FAKE_TENANT_ID, FAKE_CLIENT_ID, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *secret = "Wrong-But-Real-Secret-8xQ";
  FakeWait wait = { 0 };

  fake->echo_secret = TRUE;
  posture_oauth_sign_in_with_secret_async (oauth, secret, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  g_assert_false (posture_oauth_sign_in_with_secret_finish (oauth, wait.result, &error));
  fake_wait_clear (&wait);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH);
  g_assert_nonnull (strstr (error->message, "invalid_client"));
  g_assert_null (strstr (error->message, secret));
  text = posture_error_to_text (error);
  g_assert_null (strstr (text, secret));
  g_assert_nonnull (strstr (text, "invalid_client"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/error-text/every-code", test_every_code);
  g_test_add_func ("/posture/tenant/error-text/no-secret", test_no_secret);

  return g_test_run ();
}
