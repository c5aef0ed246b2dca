/* posture-cli-training.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include "posture-cli-private.h"

int
posture_cli_training (int    argc,
                     char **argv)
{
  g_printerr ("posture-cli: %s is not available in this build yet\n", argv[0]);
  return POSTURE_CLI_EXIT_FAILED;
}
