/* posture-ip-range.c: the IP firewall's allow-list rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-ip-range"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-ip-range.h"
#include "posture-text.h"

/* A dotted quad: four decimal numbers 0–255 of at most three digits. */
static gboolean
parse_ipv4 (const char *text,
            gsize       length)
{
  guint parts = 0;
  gsize i = 0;

  while (i < length)
    {
      guint value = 0;
      guint digits = 0;

      while (i < length && g_ascii_isdigit (text[i]) && digits < 4)
        {
          value = value * 10 + (guint) (text[i] - '0');
          digits++;
          i++;
        }
      if (digits == 0 || digits > 3 || value > 255)
        return FALSE;
      parts++;

      if (i == length)
        break;
      if (text[i] != '.' || parts == 4)
        return FALSE;
      i++;
      if (i == length)
        return FALSE;
    }

  return parts == 4;
}

static gboolean
parse_ipv6 (const char *text,
            gsize       length)
{
  char buffer[INET6_ADDRSTRLEN + 1];
  struct in6_addr address;

  /* Letters, digits, colons and the dots of an embedded IPv4 address only: inet_pton
   * would refuse the rest, but a zone ("%eth0") must never reach it. */
  if (length == 0 || length >= sizeof buffer || memchr (text, ':', length) == NULL)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) && text[i] != ':' && text[i] != '.')
      return FALSE;

  memcpy (buffer, text, length);
  buffer[length] = '\0';
  return inet_pton (AF_INET6, buffer, &address) == 1;
}

/**
 * posture_ip_range_check:
 * @entry: one entry of an allow-list, trimmed
 * @problem: (out) (optional) (transfer full): why it is refused
 *
 * Returns: whether @entry is a valid address or range no wider than /8 (IPv4) or
 *   /16 (IPv6)
 */
gboolean
posture_ip_range_check (const char  *entry,
                        char       **problem)
{
  g_autofree char *shown = NULL;
  const char *slash;
  gsize address_length;
  guint max_prefix;
  guint min_prefix;
  guint prefix;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (problem != NULL)
    *problem = NULL;

  slash = strchr (entry, '/');
  address_length = slash != NULL ? (gsize) (slash - entry) : strlen (entry);

  if (parse_ipv4 (entry, address_length))
    {
      max_prefix = 32;
      min_prefix = POSTURE_IP_RANGE_MIN_PREFIX_V4;
    }
  else if (parse_ipv6 (entry, address_length))
    {
      max_prefix = 128;
      min_prefix = POSTURE_IP_RANGE_MIN_PREFIX_V6;
    }
  else
    {
      if (problem != NULL)
        {
          shown = posture_text_printable (entry, 60);
          /* TRANSLATORS: %s is an entry of the IP firewall's allow-list */
          *problem = g_strdup_printf (_("\"%s\" is not an IPv4 or IPv6 address or range"),
                                      shown);
        }
      return FALSE;
    }

  prefix = max_prefix;
  if (slash != NULL)
    {
      const char *digits = slash + 1;
      gsize n = strlen (digits);

      prefix = 0;
      for (gsize i = 0; i < n && n <= 3; i++)
        {
          if (!g_ascii_isdigit (digits[i]))
            {
              n = 0;
              break;
            }
          prefix = prefix * 10 + (guint) (digits[i] - '0');
        }

      if (n == 0 || n > 3 || prefix > max_prefix)
        {
          if (problem != NULL)
            {
              shown = posture_text_printable (entry, 60);
              /* TRANSLATORS: %s is an entry of the IP firewall's allow-list, %u 32 or 128 */
              *problem = g_strdup_printf (_("\"%s\" has no valid prefix (a number from 0 to %u "
                                            "after the slash)"), shown, max_prefix);
            }
          return FALSE;
        }
    }

  if (prefix < min_prefix)
    {
      if (problem != NULL)
        {
          shown = posture_text_printable (entry, 60);
          /* TRANSLATORS: %s is an allow-list entry such as 0.0.0.0/0; %u is 8 or 16 */
          *problem = g_strdup_printf (_("%s is wider than /%u: the firewall lets a large part of "
                                        "the internet in"), shown, min_prefix);
        }
      return FALSE;
    }

  return TRUE;
}
