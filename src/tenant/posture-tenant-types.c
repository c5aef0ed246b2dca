/* posture-tenant-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-tenant-types.h"

void
posture_http_options_init_default (PostureHttpOptions *options)
{
  g_return_if_fail (options != NULL);

  options->max_attempts = 5;
  options->base_delay_ms = 500;
  options->max_delay_ms = 30000;
  options->max_total_wait_ms = 600000;
  options->request_timeout_s = 30;
  options->read_deadline_s = 600;
  options->max_per_host = 8;
  options->device_poll_min_ms = 1000;
  options->slow_down_increment_ms = 5000;
  options->expiry_margin_s = 120;
  options->max_retry_after_s = 300;
  options->max_body_bytes = (gsize) 256 * 1024 * 1024;
  options->max_pages = 10000;
  options->max_items = 50000;
}

void
posture_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  /* explicit_bzero is not guaranteed. With GCC or clang, memset and a barrier that
   * says the memory is read keep the wipe from being optimised away before the free
   * (a token is wiped twice per request: a byte-by-byte walk cost 1 % of a large
   * read); elsewhere, a volatile walk. */
#if defined(__GNUC__)
  memset (secret, 0, strlen (secret));
  __asm__ __volatile__ ("" : : "r" (secret) : "memory");
#else
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
#endif
  g_free (secret);
}
