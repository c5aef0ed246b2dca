/* posture-cli-private.h: the commands of posture-cli and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit codes: the stable contract of DESIGN.md. */
typedef enum
{
  POSTURE_CLI_EXIT_OK          = 0,
  POSTURE_CLI_EXIT_FAILED      = 1,
  POSTURE_CLI_EXIT_USAGE       = 2,
  POSTURE_CLI_EXIT_BELOW_FLOOR = 3,
} PostureCliExit;

/* One function per command; argv[0] is the command name. Each returns an exit code. */
int      posture_cli_assess            (int           argc,
                                        char        **argv);
int      posture_cli_controls          (int           argc,
                                        char        **argv);
int      posture_cli_snapshot          (int           argc,
                                        char        **argv);
int      posture_cli_login             (int           argc,
                                        char        **argv);
int      posture_cli_logout            (int           argc,
                                        char        **argv);
int      posture_cli_demo_server       (int           argc,
                                        char        **argv);
int      posture_cli_history           (int           argc,
                                        char        **argv);
int      posture_cli_decide            (int           argc,
                                        char        **argv);
int      posture_cli_training          (int           argc,
                                        char        **argv);
int      posture_cli_report            (int           argc,
                                        char        **argv);

/* Shared helpers (posture-cli-common.c). */
int      posture_cli_usage_error       (GOptionContext *context,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int      posture_cli_fail              (const GError   *error,
                                        const char     *hint);
gboolean posture_cli_parse             (GOptionContext *context,
                                        int            *argc,
                                        char         ***argv,
                                        int            *exit_code);
gboolean posture_cli_write_output      (const char     *path,
                                        const char     *data,
                                        gsize           length,
                                        GError        **error);
gboolean posture_cli_use_color         (int             fd);
gboolean posture_cli_is_interactive    (int             fd);
char    *posture_cli_read_stdin_secret (GError        **error);

G_END_DECLS
