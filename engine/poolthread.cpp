#include "engine/poolthread.h"

namespace overlap::engine {

bool PoolThread::start(std::function<void()> body)
{
    m_body = std::move(body);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, kStackBytes);
    m_running = pthread_create(&m_thread, &attr, &PoolThread::trampoline, this) == 0;
    pthread_attr_destroy(&attr);
    return m_running;
}

void PoolThread::join()
{
    if (m_running) {
        pthread_join(m_thread, nullptr);
        m_running = false;
    }
}

void* PoolThread::trampoline(void* self)
{
    static_cast<PoolThread*>(self)->m_body();
    return nullptr;
}

} // namespace overlap::engine
