/* posture-cli.c: the headless face of Posture, for scripts and CI pipelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "posture-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
  const char *summary;
} PostureCliCommand;

/* The one-line summaries open each command's --help and the list below. */
static const PostureCliCommand commands[] = {
  { "assess",      posture_cli_assess,      N_("Assess a tenant, a snapshot or the demo tenant") },
  { "snapshot",    posture_cli_snapshot,    N_("Read a tenant and save its snapshot") },
  { "login",       posture_cli_login,
    N_("Sign in to a tenant and keep the credentials in the keyring") },
  { "logout",      posture_cli_logout,      N_("Remove a tenant's credentials from the keyring") },
  { "controls",    posture_cli_controls,    N_("List the controls catalog") },
  { "history",     posture_cli_history,     N_("Show a tenant's assessment history") },
  { "decide",      posture_cli_decide,      N_("Record a decision on a control") },
  { "report",      posture_cli_report,      N_("Write reports and an action plan") },
  { "fix",         posture_cli_fix,         N_("Plan a control's remediation, and apply it") },
  { "training",    posture_cli_training,
    N_("List, show, validate and review training modules") },
  { "demo-server", posture_cli_demo_server, N_("Run the demo tenant on a loopback port") },
};

const char *
posture_cli_command_summary (const char *name)
{
  if (g_str_has_prefix (name, "training "))
    return posture_cli_training_summary (name + strlen ("training "));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        return _(commands[i].summary);
    }
  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: posture-cli COMMAND [OPTION…]\n\n"));
  fprintf (stream, "%s",
           _("Assess and improve the security posture of a Power Platform tenant.\n\n"));
  fprintf (stream, "%s", _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\nRun \"posture-cli COMMAND --help\" for a command's options.\n"));
  fprintf (stream, "%s", _("Exit codes: 0 done, 1 failed, 2 usage, 3 score below --fail-under.\n"));
  fprintf (stream, "%s", _("See posture-cli(1) for the whole manual.\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("posture-cli");
  posture_cli_install_print_handlers ();

  if (argc < 2)
    {
      print_usage (stderr);
      return POSTURE_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return POSTURE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("posture-cli %s\n", PACKAGE_VERSION);
      return POSTURE_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr ("posture-cli: unknown command \"%s\"\n\n", argv[1]);
  print_usage (stderr);
  return POSTURE_CLI_EXIT_USAGE;
}
