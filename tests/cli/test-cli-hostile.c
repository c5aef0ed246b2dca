/* test-cli-hostile.c: nothing a server or a file chose reaches the terminal raw
 *
 * Hostile names (a window-title change, a screen clear, a C1 CSI U+009B, a right-to-left
 * override, a carriage return, invalid UTF-8) in a snapshot, a note and the answers of a
 * loopback server (OAuth error descriptions, a device-code message, a service's error
 * message) go through every command's text output and errors; what comes out is checked
 * byte by byte, and the escaped form is the same in every command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cli-test.h"
#include "posture-json.h"

/* Sets the window title, clears the screen, homes the cursor, a C1 CSI (U+009B) that
 * starts red text, a right-to-left override, an isolate, DEL, a carriage return that
 * would let what follows overwrite the line, and a byte that is not UTF-8. */
#define HOSTILE "Evil \x1b]0;pwned\x07 \x1b[2J\x1b[H \xc2\x9b" "31m red \xe2\x80\xae" \
                "exe.txt \xe2\x81\xa6x\xe2\x81\xa9 \x7f \rhidden \xff end"
/* The same, valid UTF-8 (what JSON can carry). */
#define HOSTILE_UTF8 "Evil \x1b]0;pwned\x07 \x1b[2J\x1b[H \xc2\x9b" "31m red \xe2\x80\xae" \
                     "exe.txt \xe2\x81\xa6x\xe2\x81\xa9 \x7f \rhidden end"

/* How every command shows it. */
#define SHOWN_TITLE "\\x1b]0;pwned\\x07"
#define SHOWN_CLEAR "\\x1b[2J\\x1b[H"
#define SHOWN_CSI   "\\u009b31m"
#define SHOWN_RLO   "\\u202eexe.txt \\u2066x\\u2069"
#define SHOWN_CR    "\\x0dhidden"

#define T_BAD_CLIENT "11111111-1111-4111-8111-111111111111"
#define T_FORBIDDEN  "22222222-2222-4222-8222-222222222222"

static void
assert_shown (const char *what,
              const char *text)
{
  cli_assert_terminal_safe (what, text);
  if (strstr (text, SHOWN_TITLE) == NULL || strstr (text, SHOWN_CLEAR) == NULL ||
      strstr (text, SHOWN_CSI) == NULL || strstr (text, SHOWN_RLO) == NULL)
    g_error ("%s does not show the hostile text escaped:\n%s", what, text);
}

/* A snapshot whose tenant, environments and warnings carry HOSTILE. */
static char *
write_hostile_snapshot (void)
{
  g_autofree char *source = cli_data_path ("engine", "admin-center-example.json");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "hostile.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object;
  JsonArray *environments;
  JsonArray *warnings = json_array_new ();

  root = posture_json_parse_file (source, 16 * 1024 * 1024, 64, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  json_object_set_string_member (json_object_get_object_member (object, "tenant"),
                                 "display_name", HOSTILE_UTF8);
  environments = json_object_get_array_member (json_object_get_object_member (object, "sources"),
                                               "environments");
  for (guint i = 0; i < json_array_get_length (environments); i++)
    {
      JsonObject *properties =
        json_object_get_object_member (json_array_get_object_element (environments, i),
                                       "properties");

      json_object_set_string_member (properties, "displayName", HOSTILE_UTF8);
    }
  json_array_add_string_element (warnings, HOSTILE_UTF8);
  json_object_set_array_member (object, "warnings", warnings);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_hostile_snapshot (void)
{
  g_autofree char *path = write_hostile_snapshot ();
  g_autofree char *json_path = g_build_filename (g_get_user_data_dir (), "assess.json", NULL);
  static const char *formats[] = { "text", "csv", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *what = g_strdup_printf ("assess --format %s", formats[i]);

      cli_run (&run, "assess", "--snapshot", path, "--format", formats[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      cli_assert_terminal_safe (what, run.err);
      if (g_str_equal (formats[i], "json"))
        {
          /* JSON carries the value (escaped as \u001b, \u202e): it parses back to it. */
          g_autoptr(JsonNode) node = posture_json_parse (run.out, strlen (run.out), 64, NULL);
          JsonObject *root = json_node_get_object (node);
          JsonObject *tenant = json_object_get_object_member (root, "tenant");

          cli_assert_terminal_safe (what, run.out);
          g_assert_cmpstr (json_object_get_string_member (tenant, "display_name"), ==,
                           HOSTILE_UTF8);
        }
      else
        assert_shown (what, run.out);
    }

  {
    g_auto(CliRun) csv = { 0 };
    g_auto(CliRun) plan = { 0 };

    cli_run (&csv, "report", "--snapshot", path, "--format", "csv", NULL);
    g_assert_cmpint (csv.status, ==, 0);
    assert_shown ("report --format csv", csv.out);

    cli_run (&plan, "report", "--snapshot", path, "--action-plan", "-", NULL);
    g_assert_cmpint (plan.status, ==, 0);
    cli_assert_terminal_safe ("report --action-plan", plan.out);
  }

  /* The history of that tenant: recorded from the JSON, listed, compared. */
  {
    g_auto(CliRun) json = { 0 };
    g_auto(CliRun) record = { 0 };
    g_auto(CliRun) again = { 0 };
    g_auto(CliRun) list = { 0 };
    g_auto(CliRun) diff = { 0 };

    cli_run (&json, "assess", "--snapshot", path, "--format", "json", "--output", json_path, NULL);
    g_assert_cmpint (json.status, ==, 0);
    cli_run (&record, "history", "--tenant", "hostile", "--record", json_path, NULL);
    g_assert_cmpint (record.status, ==, 0);
    cli_assert_terminal_safe ("history --record", record.err);
    cli_run (&again, "history", "--tenant", "hostile", "--record", json_path, NULL);
    g_assert_cmpint (again.status, ==, 0);

    cli_run (&list, "history", "--tenant", "hostile", NULL);
    g_assert_cmpint (list.status, ==, 0);
    cli_assert_terminal_safe ("history", list.out);
    cli_assert_terminal_safe ("history", list.err);

    cli_run (&diff, "history", "--tenant", "hostile", "--diff", NULL);
    cli_assert_terminal_safe ("history --diff", diff.out);
    cli_assert_terminal_safe ("history --diff", diff.err);
  }
}

/* One note, one escaped form: decide --list and the CSV report show it alike. */
static void
test_hostile_note (void)
{
  g_autofree char *fixture = cli_data_path ("engine", "admin-center-example.json");
  g_auto(CliRun) decide = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) csv = { 0 };
  g_auto(CliRun) unknown = { 0 };
  g_autofree char *shown = NULL;

  cli_run (&decide, "decide", "--tenant", "11111111-2222-3333-4444-555555555555",
           "--control", "tenant-isolation", "--status", "planned", "--note", HOSTILE_UTF8,
           "--owner", HOSTILE_UTF8, NULL);
  g_assert_cmpint (decide.status, ==, 0);
  cli_assert_terminal_safe ("decide", decide.out);

  cli_run (&list, "decide", "--tenant", "11111111-2222-3333-4444-555555555555", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  assert_shown ("decide --list", list.out);

  /* A saved snapshot is reported with its tenant's decisions. */
  cli_run (&csv, "report", "--snapshot", fixture, "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  assert_shown ("report --format csv", csv.out);

  shown = g_strdup ("Evil " SHOWN_TITLE " " SHOWN_CLEAR " " SHOWN_CSI " red " SHOWN_RLO
                    " \\x7f " SHOWN_CR " end");
  g_assert_nonnull (strstr (list.out, shown));
  g_assert_nonnull (strstr (csv.out, shown));

  /* Usage errors repeat what was typed: escaped too. */
  cli_run (&unknown, "decide", "--tenant", "t", "--control", HOSTILE_UTF8, "--status", "planned",
           NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  cli_assert_terminal_safe ("decide (usage)", unknown.err);
  g_assert_nonnull (strstr (unknown.err, SHOWN_TITLE));
}

/* A loopback identity platform and service that answer with hostile words. */
static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  guint status = 200;

  json_builder_begin_object (builder);
  if (g_str_has_suffix (path, "/oauth2/v2.0/devicecode"))
    {
      json_builder_set_member_name (builder, "device_code");
      json_builder_add_string_value (builder, "device-code-of-the-test");
      json_builder_set_member_name (builder, "user_code");
      json_builder_add_string_value (builder, "CODE\x1b[2J");
      json_builder_set_member_name (builder, "verification_uri");
      json_builder_add_string_value (builder, "http://127.0.0.1/device");
      json_builder_set_member_name (builder, "expires_in");
      json_builder_add_int_value (builder, 900);
      json_builder_set_member_name (builder, "interval");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "To sign in: " HOSTILE_UTF8);
    }
  else if (g_str_has_suffix (path, "/oauth2/v2.0/token") &&
           !g_str_has_prefix (path, "/" T_FORBIDDEN "/"))
    {
      status = 400;
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "invalid_client");
      json_builder_set_member_name (builder, "error_description");
      json_builder_add_string_value (builder, "AADSTS7000215: " HOSTILE_UTF8);
    }
  else if (g_str_has_suffix (path, "/oauth2/v2.0/token"))
    {
      json_builder_set_member_name (builder, "token_type");
      json_builder_add_string_value (builder, "Bearer");
      json_builder_set_member_name (builder, "access_token");
      json_builder_add_string_value (builder, "not-a-real-token");
      json_builder_set_member_name (builder, "expires_in");
      json_builder_add_int_value (builder, 3600);
    }
  else
    {
      status = 403;
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, "Forbidden\x1b[5m");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "The caller may not: " HOSTILE_UTF8);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
test_hostile_server (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *env_id = g_strdup ("POSTURE_CLIENT_ID=5f1e7d0c-0000-4000-8000-000000000001");
  g_autofree char *env_secret = g_strdup ("POSTURE_CLIENT_SECRET=not-a-secret");
  g_autofree char *out_path = g_build_filename (g_get_user_data_dir (), "never.json", NULL);
  const char *envp[] = { env_id, env_secret, NULL };

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  {
    const char *cases[][9] = {
      /* The OAuth error description of a refused client secret. */
      { "assess", "--tenant", T_BAD_CLIENT, "--api-base", base, NULL },
      /* The service's own error message (a 403 with an error object). */
      { "snapshot", "--tenant", T_FORBIDDEN, "--api-base", base, "--output", out_path, NULL },
      { "report", "--tenant", T_FORBIDDEN, "--api-base", base, "--format", "csv", NULL },
      { "assess", "--tenant", T_FORBIDDEN, "--api-base", base, "--format", "json", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(CliRun) run = { 0 };

        cli_runv (&run, envp, NULL, 60, cases[i]);
        g_test_message ("%s: exit %d\n%s", cases[i][0], run.status, run.err);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (run.out, ==, "");
        assert_shown (cases[i][0], run.err);
        g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
      }
  }

  /* Signing in: a refused secret, then a device code whose message and whose final
   * error (the code expired) come from the server. */
  {
    const char *secret[] = { "login", "--tenant", T_BAD_CLIENT, "--client-id", "c",
                             "--api-base", base, "--client-secret-stdin", NULL };
    const char *device[] = { "login", "--tenant", T_BAD_CLIENT, "--client-id", "c",
                             "--api-base", base, "--device-code", "--timeout", "20", NULL };
    g_auto(CliRun) run = { 0 };
    g_auto(CliRun) code = { 0 };

    cli_runv (&run, NULL, "not-a-secret\n", 60, secret);
    g_assert_cmpint (run.status, ==, 1);
    assert_shown ("login --client-secret-stdin", run.err);

    cli_runv (&code, NULL, NULL, 60, device);
    g_assert_cmpint (code.status, ==, 1);
    assert_shown ("login --device-code (message)", code.out);
    assert_shown ("login --device-code (error)", code.err);
  }

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/hostile/snapshot", test_hostile_snapshot);
  g_test_add_func ("/posture/cli/hostile/note", test_hostile_note);
  g_test_add_func ("/posture/cli/hostile/server", test_hostile_server);

  return g_test_run ();
}
