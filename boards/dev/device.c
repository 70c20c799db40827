/* The guest-misuse log of the devices (device.h). */
#include <stdarg.h>
#include <stdio.h>

#include "device.h"

void (*dev_log_hook)(bool unimp, const char *msg);

static void vlog(bool unimp, const char *dev, const char *fmt, va_list ap)
{
    if (!dev_log_hook)
        return;
    char msg[256];
    int n = snprintf(msg, sizeof msg, "%s: ", dev);
    if (n > 0 && (size_t)n < sizeof msg)
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    dev_log_hook(unimp, msg);
}

void dev_guest_error(const char *dev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(false, dev, fmt, ap);
    va_end(ap);
}

void dev_unimp(const char *dev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(true, dev, fmt, ap);
    va_end(ap);
}
