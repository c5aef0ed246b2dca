/* cli-test.h: running the built posture-cli from a test, as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int     status;    /* exit code */
  char   *out;       /* standard output */
  char   *err;       /* standard error */
  double  seconds;   /* wall time */
} CliRun;

void      cli_run_clear              (CliRun             *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs $POSTURE_CLI with @argv (NULL-terminated, without the program) in the test's
 * isolated XDG folders and LC_ALL=C.UTF-8, with @envp (nullable, "NAME=value" pairs)
 * added, @input (nullable) on standard input. While it runs, the thread-default main
 * context is iterated, so loopback servers of the test answer it. Fails the test if the
 * process does not exit normally within @limit_s seconds. */
void      cli_runv                   (CliRun             *run,
                                      const char * const *envp,
                                      const char         *input,
                                      guint               limit_s,
                                      const char * const *argv);
void      cli_run                    (CliRun             *run,
                                      const char         *first,
                                      ...) G_GNUC_NULL_TERMINATED;

/* tests/data/engine/NAME, and the like. */
char     *cli_data_path              (const char         *folder,
                                      const char         *name);

/* Fails when @text holds anything a terminal acts on instead of showing: C0 controls
 * other than newline, tab and CRLF, DEL, C1 controls (UTF-8 encoded or raw), bidirectional
 * controls, line separators, or invalid UTF-8. */
void      cli_assert_terminal_safe   (const char         *what,
                                      const char         *text);

/* TRUE when @a and @b are the same JSON document: same members (in any order), same
 * elements, numbers equal in value whether written as integers or not. */
gboolean  cli_json_equal             (JsonNode           *a,
                                      JsonNode           *b,
                                      GString            *where);

/* Parses @text (what a command printed) or fails the test naming @what; @holder keeps
 * the document. Returns: (transfer none): its root object. */
JsonObject *cli_parse_json           (JsonNode          **holder,
                                      const char         *what,
                                      const char         *text);

/* `posture-cli demo-server` as its own process, so that what one command writes, the
 * next one reads; the options from @first_option (NULL-terminated; NULL, NULL for none)
 * go to demo-server. */
typedef struct
{
  GSubprocess *process;
  char        *base;
  char        *env_id;
  char        *env_secret;
  const char  *envp[3];
} CliDemo;

void      cli_demo_start             (CliDemo            *demo,
                                      const char         *first_option,
                                      ...) G_GNUC_NULL_TERMINATED;
void      cli_demo_stop              (CliDemo            *demo);
/* posture-cli ARGS… against the running demo (--tenant … --api-base … appended), with the
 * demo's client credentials in the environment. */
void      cli_demo_run               (CliDemo            *demo,
                                      CliRun             *run,
                                      const char         *input,
                                      const char         *first,
                                      ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
