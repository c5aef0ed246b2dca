/* test-cli-timeout.c: --timeout bounds every command that talks to a tenant
 *
 * A loopback server answers every request with a status line and headers, then drips
 * one byte of the body each second, forever: the token endpoint, the admin APIs, the
 * device-code endpoint alike. Each command must give up at its --timeout with exit 1 and
 * a message that says so, however long the server would go on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "cli-test.h"

#define TENANT "33333333-3333-4333-8333-333333333333"

typedef struct
{
  GSocketService *service;
  GPtrArray      *connections;  /* of GSocketConnection */
  guint           drip_id;
  guint           port;
} DripServer;

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  DripServer *server = user_data;
  static const char head[] = "HTTP/1.1 200 OK\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: 1000000\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  /* The request is never read: the answer starts at once and never ends. */
  g_output_stream_write_all (out, head, sizeof head - 1, NULL, NULL, NULL);
  g_ptr_array_add (server->connections, g_object_ref (connection));
  return TRUE;
}

static gboolean
drip_cb (gpointer user_data)
{
  DripServer *server = user_data;

  for (guint i = 0; i < server->connections->len; i++)
    {
      GIOStream *stream = g_ptr_array_index (server->connections, i);

      if (!g_io_stream_is_closed (stream))
        g_output_stream_write (g_io_stream_get_output_stream (stream), " ", 1, NULL, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
drip_server_start (DripServer *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  server->service = g_socket_service_new ();
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  server->drip_id = g_timeout_add_seconds (1, drip_cb, server);
}

static void
drip_server_stop (DripServer *server)
{
  g_source_remove (server->drip_id);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  for (guint i = 0; i < server->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (server->connections, i), NULL, NULL);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
  g_clear_object (&server->service);
}

static void
assert_timed_out (const char *what,
                  CliRun     *run,
                  guint       timeout_s)
{
  g_autofree char *said = g_strdup_printf ("Timed out after %u seconds", timeout_s);

  g_test_message ("%s: exit %d after %.2f s\n%s", what, run->status, run->seconds, run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, said));
  g_assert_nonnull (strstr (run->err, "--timeout"));
  /* On time: not before the bound, and well before the watchdog (5 s past it). */
  g_assert_cmpfloat (run->seconds, >=, timeout_s - 0.05);
  g_assert_cmpfloat (run->seconds, <, timeout_s + 3.0);
}

static void
test_timeout_commands (void)
{
  DripServer server = { 0 };
  g_autofree char *base = NULL;
  g_autofree char *out_path = g_build_filename (g_get_user_data_dir (), "snapshot.json", NULL);
  const char *credentials[] = { "POSTURE_CLIENT_ID=5f1e7d0c-0000-4000-8000-000000000002",
                                "POSTURE_CLIENT_SECRET=not-a-secret", NULL };

  drip_server_start (&server);
  base = g_strdup_printf ("http://127.0.0.1:%u", server.port);

  {
    /* DESIGN.md's example: assess of a tenant whose service drips, --timeout 3. */
    const char *assess[] = { "assess", "--tenant", TENANT, "--api-base", base, "--timeout", "3",
                             NULL };
    const char *snapshot[] = { "snapshot", "--tenant", TENANT, "--api-base", base,
                               "--timeout", "2", "--output", out_path, NULL };
    const char *report[] = { "report", "--tenant", TENANT, "--api-base", base,
                             "--timeout", "2", NULL };
    const char *fix[] = { "fix", "auditing", "--tenant", TENANT, "--api-base", base,
                          "--timeout", "2", "--yes", NULL };
    const char *device[] = { "login", "--tenant", TENANT, "--client-id", "c", "--api-base", base,
                             "--device-code", "--timeout", "2", NULL };
    const char *secret[] = { "login", "--tenant", TENANT, "--client-id", "c", "--api-base", base,
                             "--client-secret-stdin", "--timeout", "2", NULL };
    g_auto(CliRun) run_assess = { 0 };
    g_auto(CliRun) run_snapshot = { 0 };
    g_auto(CliRun) run_report = { 0 };
    g_auto(CliRun) run_fix = { 0 };
    g_auto(CliRun) run_device = { 0 };
    g_auto(CliRun) run_secret = { 0 };

    cli_runv (&run_assess, credentials, NULL, 30, assess);
    assert_timed_out ("assess", &run_assess, 3);

    cli_runv (&run_snapshot, credentials, NULL, 30, snapshot);
    assert_timed_out ("snapshot", &run_snapshot, 2);
    g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

    cli_runv (&run_report, credentials, NULL, 30, report);
    assert_timed_out ("report", &run_report, 2);
    g_assert_cmpstr (run_report.out, ==, "");

    cli_runv (&run_fix, credentials, NULL, 30, fix);
    assert_timed_out ("fix", &run_fix, 2);

    /* A silent token endpoint, for both ways of signing in. */
    cli_runv (&run_device, NULL, NULL, 30, device);
    assert_timed_out ("login --device-code", &run_device, 2);

    cli_runv (&run_secret, NULL, "not-a-secret\n", 30, secret);
    assert_timed_out ("login --client-secret-stdin", &run_secret, 2);
  }

  g_assert_cmpuint (server.connections->len, >, 0);
  drip_server_stop (&server);
}

static void
test_timeout_usage (void)
{
  static const char *values[] = { "0", "-5", "soon", "2000001" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *argv[] = { "assess", "--demo", "--timeout", values[i], NULL };
      g_auto(CliRun) run = { 0 };

      cli_runv (&run, NULL, NULL, 30, argv);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "--timeout"));
    }

  /* Within the bound, nothing changes. */
  {
    const char *argv[] = { "assess", "--demo", "--timeout", "60", "--format", "json", NULL };
    g_auto(CliRun) run = { 0 };

    cli_runv (&run, NULL, NULL, 30, argv);
    g_assert_cmpint (run.status, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/timeout/commands", test_timeout_commands);
  g_test_add_func ("/posture/cli/timeout/usage", test_timeout_usage);

  return g_test_run ();
}
