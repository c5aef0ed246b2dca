/* posture-cli-demo.c: `posture-cli demo-server`, the demo tenant in the foreground
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "posture-cli-private.h"
#include "posture-demo-server.h"

/* Bounds of the operations' knobs: a day at most, as no test or workshop needs more. */
#define MAX_OPERATION_POLLS       1000000
#define MAX_OPERATION_RETRY_AFTER 3600
#define MAX_OPERATION_SECONDS     86400
#define UNSET                     G_MININT

static gboolean
knob_ok (int value,
         int max)
{
  return value == UNSET || (value >= 0 && value <= max);
}

/* The knobs given (not UNSET); the others keep the server's values. */
static void
set_operations (PostureDemoServer *server,
                int                polls,
                int                retry_after,
                int                seconds)
{
  guint n_running, retry_after_s, timeout_ms;

  posture_demo_server_get_operation_polls (server, &n_running, &retry_after_s, &timeout_ms);
  posture_demo_server_set_operation_polls (server,
                                           polls != UNSET ? (guint) polls : n_running,
                                           retry_after != UNSET ? (guint) retry_after
                                                                : retry_after_s,
                                           seconds != UNSET ? (guint) seconds * 1000 : timeout_ms);
}

static void
print_operations (PostureDemoServer *server)
{
  guint n_running, retry_after_s, timeout_ms;

  posture_demo_server_get_operation_polls (server, &n_running, &retry_after_s, &timeout_ms);
  /* Translators: how the demo's long-running operations behave */
  g_print (_("Operations:   Running for %u polls (Retry-After: %u s), succeeded after %u s at "
             "most\n"), n_running, retry_after_s, timeout_ms / 1000);
}

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

int
posture_cli_demo_server (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PostureDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *seed_text = NULL;
  int port = 0;
  int environments = 0;
  int page_size = -1;
  int polls = -1;
  int operation_polls = UNSET;
  int operation_retry_after = UNSET;
  int operation_seconds = UNSET;
  int exit_code = POSTURE_CLI_EXIT_OK;
  guint sigint_id;
  guint sigterm_id;
  GOptionEntry entries [] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port on 127.0.0.1 (default: any free port)"),
      N_("N") },
    { "environments", 'n', 0, G_OPTION_ARG_INT, &environments,
      N_("Generate a tenant of N environments instead of the Contoso (demo) scenario"), N_("N") },
    { "faults", 'f', 0, G_OPTION_ARG_STRING, &faults,
      N_("Inject faults, e.g. 429=0.1,500=0.05,latency=200ms,reset=0.01,truncate=0.01"),
      N_("SPEC") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the generator and of the faults, so that a run repeats"), N_("N") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size,
      N_("Environments per page of the admin list (default 10; 0 for one page)"), N_("N") },
    { "device-code-polls", 0, 0, G_OPTION_ARG_INT, &polls,
      N_("Polls answered authorization_pending before a device code is approved (default 2)"),
      N_("N") },
    { "operation-polls", 0, 0, G_OPTION_ARG_INT, &operation_polls,
      N_("Polls of a long-running operation answered Running before it succeeds (default 2)"),
      N_("N") },
    { "operation-retry-after", 0, 0, G_OPTION_ARG_INT, &operation_retry_after,
      N_("Retry-After, in seconds, of an operation's 202 and Running answers (default 1)"),
      N_("S") },
    { "operation-seconds", 0, 0, G_OPTION_ARG_INT, &operation_seconds,
      N_("Seconds after which an operation succeeds however it is polled (default 30)"),
      N_("S") },
    { NULL }
  };

  context = posture_cli_context_new ("demo-server", NULL);
  g_option_context_set_description (
      context, _("Serves the embedded demo tenant on a loopback port until "
                  "interrupted (Ctrl+C). Point Posture at it with "
                  "--api-base URL and the demo tenant and client ids it prints."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (port < 0 || port > 65535)
    return posture_cli_usage_error (context, _("--port must be from 0 to 65535, not %d"), port);
  if (environments < 0 || environments > 100000)
    return posture_cli_usage_error (context, _("--environments must be from 1 to 100000, not %d"),
                                    environments);
  if (page_size < -1 || page_size > 100000)
    return posture_cli_usage_error (context, _("--page-size must be from 0 to 100000, not %d"),
                                    page_size);
  if (polls < -1 || polls > 1000)
    return posture_cli_usage_error (context,
                                    _("--device-code-polls must be from 0 to 1000, not %d"),
                                    polls);
  if (!knob_ok (operation_polls, MAX_OPERATION_POLLS))
    return posture_cli_usage_error (context, _("--operation-polls must be from 0 to %d, not %d"),
                                    MAX_OPERATION_POLLS, operation_polls);
  if (!knob_ok (operation_retry_after, MAX_OPERATION_RETRY_AFTER))
    return posture_cli_usage_error (context, _("--operation-retry-after must be from 0 to %d "
                                               "seconds, not %d"),
                                    MAX_OPERATION_RETRY_AFTER, operation_retry_after);
  if (!knob_ok (operation_seconds, MAX_OPERATION_SECONDS))
    return posture_cli_usage_error (context, _("--operation-seconds must be from 0 to %d, not %d"),
                                    MAX_OPERATION_SECONDS, operation_seconds);

  server = posture_demo_server_new ();

  if (seed_text != NULL)
    {
      guint64 seed = 0;

      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
        return posture_cli_usage_error (context,
                                        _("--seed must be a non-negative whole number, not “%s”"),
                                        seed_text);
      posture_demo_server_set_seed (server, seed);
    }
  if (environments > 0)
    posture_demo_server_set_environments (server, (guint) environments);
  if (page_size >= 0)
    posture_demo_server_set_page_size (server, (guint) page_size);
  if (polls >= 0)
    posture_demo_server_set_device_code_polls (server, (guint) polls);
  if (operation_polls != UNSET || operation_retry_after != UNSET || operation_seconds != UNSET)
    set_operations (server, operation_polls, operation_retry_after, operation_seconds);
  if (faults != NULL && !posture_demo_server_set_faults (server, faults, &error))
    return posture_cli_usage_error (context, "%s", error->message);

  if (!posture_demo_server_start (server, (guint) port, &error))
    return posture_cli_fail (
        error,
        port != 0 ? _("Choose another --port, or leave it out to use any free port.") : NULL);

  g_print (_("Demo tenant “%s” listening on %s\n"), POSTURE_DEMO_TENANT_NAME,
           posture_demo_server_get_base_uri (server));
  g_print (_("Base URL:     %s\n"), posture_demo_server_get_base_uri (server));
  g_print (_("Tenant id:    %s (%s)\n"), POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_TENANT_DOMAIN);
  g_print (_("Client id:    %s\n"), POSTURE_DEMO_CLIENT_ID);
  g_print (_("Environments: %u\n"), posture_demo_server_get_n_environments (server));
  if (faults != NULL)
    g_print (_("Faults:       %s\n"), faults);
  if (operation_polls != UNSET || operation_retry_after != UNSET || operation_seconds != UNSET)
    print_operations (server);
  g_print (_("Press Ctrl+C to stop.\n"));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  posture_demo_server_stop (server);

  g_print (_("Demo tenant stopped after %u requests.\n"),
           posture_demo_server_get_request_count (server));
  return POSTURE_CLI_EXIT_OK;
}
