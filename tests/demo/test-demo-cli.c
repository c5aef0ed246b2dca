/* test-demo-cli.c: `posture-cli demo-server` as a standalone process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "posture-demo-server.h"
#include "posture-json.h"

static const char *
cli_path (void)
{
  const char *path = g_getenv ("POSTURE_CLI");

  g_assert_nonnull (path);
  return path;
}

typedef struct
{
  GBytes  *body;
  guint    status;
  gboolean done;
} Result;

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  r->status = soup_message_get_status (msg);
  r->done = TRUE;
}

static guint
fetch (SoupSession  *session,
       SoupMessage  *msg,
       JsonNode    **out_json)
{
  Result r = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (r.body);
  *out_json = posture_json_parse_bytes (r.body, 64, NULL);
  g_bytes_unref (r.body);
  return r.status;
}

static char *
read_line (GDataInputStream *in)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/* A BAP access token of the demo app, from the server at @base. */
static char *
bap_token (SoupSession *session,
           const char  *base)
{
  g_autofree char *uri = g_strdup_printf ("%s/%s/oauth2/v2.0/token", base,
                                          POSTURE_DEMO_TENANT_DOMAIN);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) token = NULL;

  msg = soup_message_new_from_encoded_form ("POST", uri,
          soup_form_encode ("grant_type", "client_credentials",
                            "client_id", POSTURE_DEMO_CLIENT_ID,
                            "client_secret", POSTURE_DEMO_CLIENT_SECRET,
                            "scope", "https://service.powerapps.com/.default", NULL));
  g_assert_cmpuint (fetch (session, msg, &token), ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (token),
                                                  "access_token"));
}

static void
test_cli_serves_and_stops (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) list_msg = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *rest = NULL;
  gboolean saw_tenant = FALSE, saw_client = FALSE, saw_envs = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, cli_path (), "demo-server", "--environments", "30", "--seed",
                           "5", "--page-size", "100", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

  for (guint i = 0; i < 10 && base == NULL; i++)
    {
      g_autofree char *line = read_line (out);

      g_assert_nonnull (line);
      g_test_message ("%s", line);
      if (strstr (line, POSTURE_DEMO_TENANT_ID) && strstr (line, POSTURE_DEMO_TENANT_DOMAIN))
        saw_tenant = TRUE;
      if (strstr (line, POSTURE_DEMO_CLIENT_ID))
        saw_client = TRUE;
      if (strstr (line, "30"))
        saw_envs = TRUE;
      if (strstr (line, "http://127.0.0.1:") && g_str_has_prefix (line, "Base URL:"))
        base = g_strdup (strstr (line, "http://"));
    }
  g_assert_nonnull (base);
  /* The secret is a public demo value, but the command never prints it. */

  for (guint i = 0; i < 10 && !(saw_tenant && saw_client && saw_envs); i++)
    {
      g_autofree char *line = read_line (out);

      g_assert_nonnull (line);
      g_assert_null (strstr (line, POSTURE_DEMO_CLIENT_SECRET));
      if (strstr (line, POSTURE_DEMO_TENANT_ID))
        saw_tenant = TRUE;
      if (strstr (line, POSTURE_DEMO_CLIENT_ID))
        saw_client = TRUE;
      if (strstr (line, "30"))
        saw_envs = TRUE;
    }
  g_assert_true (saw_tenant && saw_client && saw_envs);

  token = bap_token (session, base);
  uri = g_strdup_printf (
      "%s/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2023-06-01",
      base);
  list_msg = soup_message_new ("GET", uri);
  auth = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (list_msg), "Authorization", auth);
  g_assert_cmpuint (fetch (session, list_msg, &list), ==, 200);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (list), "value")),
                    ==, 30);

  g_clear_object (&session);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* SIGTERM stops it cleanly, with a last line and exit code 0. */
  g_subprocess_send_signal (proc, SIGTERM);
  rest = g_data_input_stream_read_upto (out, "", 0, NULL, NULL, NULL);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_nonnull (rest);
  g_assert_nonnull (strstr (rest, "stopped"));
}

static void
test_cli_usage_errors (void)
{
  struct { const char *args[4]; const char *mention; } cases[] = {
    { { "--faults", "429=2", NULL }, "429=2" },
    { { "--faults", "bogus=0.1", NULL }, "bogus" },
    { { "--port", "70000", NULL }, "--port" },
    { { "--environments", "-3", NULL }, "--environments" },
    { { "--seed", "abc", NULL }, "--seed" },
    { { "extra", NULL }, "extra" },
    { { "--operation-polls", "-1", NULL }, "--operation-polls" },
    { { "--operation-polls", "1000001", NULL }, "--operation-polls" },
    { { "--operation-retry-after", "3601", NULL }, "--operation-retry-after" },
    { { "--operation-seconds", "-5", NULL }, "--operation-seconds" },
    { { "--operation-seconds", "x", NULL }, "--operation-seconds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *stdout_text = NULL;
      g_autofree char *stderr_text = NULL;
      const char *argv[8] = { cli_path (), "demo-server", NULL };
      guint n = 2;

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        argv[n++] = cases[i].args[j];
      argv[n] = NULL;

      proc =
          g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error);
      g_assert_no_error (error);
      g_assert_true (
          g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
      g_assert_nonnull (strstr (stderr_text, cases[i].mention));
      g_assert_cmpstr (stdout_text, ==, "");
    }
}

/* A message to @base's @path, with @token as its bearer (nullable) and a JSON @body. */
static SoupMessage *
message_new (const char *method,
             const char *base,
             const char *path,
             const char *token,
             const char *body)
{
  g_autofree char *uri = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                        : g_strconcat (base, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);
  g_autofree char *auth = token ? g_strconcat ("Bearer ", token, NULL) : NULL;

  if (auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

/* The operations' knobs: how many polls answer Running, the Retry-After asked, and the
 * Location on the server's own origin. */
static void
test_cli_operation_knobs (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) write = NULL;
  g_autoptr(JsonNode) ignored = NULL;
  g_autofree char *base = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *location = NULL;
  gboolean saw_operations = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, cli_path (), "demo-server", "--operation-polls", "3",
                           "--operation-retry-after", "7", "--operation-seconds", "600", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  for (guint i = 0; i < 10 && !(base != NULL && saw_operations); i++)
    {
      g_autofree char *line = read_line (out);

      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "Base URL:"))
        base = g_strdup (strstr (line, "http://"));
      if (g_str_has_prefix (line, "Operations:"))
        saw_operations = strstr (line, "3") && strstr (line, "7") && strstr (line, "600");
    }
  g_assert_nonnull (base);
  g_assert_true (saw_operations);

  bearer = bap_token (session, base);

  write = message_new ("POST", base, "/providers/Microsoft.BusinessAppPlatform/environments/"
                       "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03/governanceConfiguration"
                       "?api-version=2021-04-01", bearer,
                       "{\"protectionLevel\":\"Standard\",\"settings\":"
                       "{\"extendedSettings\":{}}}");
  g_assert_cmpuint (fetch (session, write, &ignored), ==, 202);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (write),
                                                 "Retry-After"), ==, "7");
  location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (write),
                                                     "Location"));
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, base));

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SoupMessage) poll = message_new ("GET", base, location, bearer, NULL);
      g_autoptr(JsonNode) state = NULL;
      const char *retry_after;

      g_assert_cmpuint (fetch (session, poll, &state), ==, 200);
      retry_after = soup_message_headers_get_one (soup_message_get_response_headers (poll),
                                                  "Retry-After");
      g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (state), "state.id"),
                       ==, i < 3 ? "Running" : "Succeeded");
      g_assert_cmpstr (retry_after, ==, i < 3 ? "7" : NULL);
    }

  g_clear_object (&session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
}

static void
test_cli_port_taken (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_assert_true (posture_demo_server_start (server, 0, &error));
  port = g_strdup_printf ("%u", posture_demo_server_get_port (server));
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli_path (), "demo-server", "--port", port, NULL);
  g_assert_no_error (error);
  g_assert_true (
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_nonnull (strstr (stderr_text, port));
  g_assert_nonnull (strstr (stderr_text, "--port"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/demo/cli/serves-and-stops", test_cli_serves_and_stops);
  g_test_add_func ("/posture/demo/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/posture/demo/cli/port-taken", test_cli_port_taken);
  g_test_add_func ("/posture/demo/cli/operation-knobs", test_cli_operation_knobs);

  return g_test_run ();
}
