import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { eventPhase, StationEventCard } from '../../components/station-event-card';
import { STATION_ROUTES, stationUrl } from '../../components/station-routes';
import { cancelSignup, fetchMyEvents, type MyEvent } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';
import { useSignedInLoader } from '../../utils/use-signed-in-loader';
import './mine.scss';

const TEXT = {
  loginNeeded: '登录后查看你报名的驿站活动',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  none: '你还没有报名活动。驿站会不定期举办音乐会、义诊、理发等活动，在驿站详情里报名。',
  findStations: '去看看附近驿站',
  cancel: '取消报名',
  cancelled: '已取消报名',
  cancelConfirmTitle: '取消报名',
  cancelConfirmBody: '取消后名额会让给其他人，确定取消吗？',
};

/** 我的活动: the events I signed up for, soonest first; open the station or give the seat back. */
export default function MyEventsPage() {
  const { loggedIn, data: events, setData: setEvents, error, load } = useSignedInLoader<MyEvent[]>(fetchMyEvents, TEXT.failed);
  const [notice, setNotice] = useState<{ eventId: string; text: string; error: boolean } | null>(null);

  const cancel = async (e: MyEvent) => {
    const { confirm } = await Taro.showModal({ title: TEXT.cancelConfirmTitle, content: TEXT.cancelConfirmBody });
    if (!confirm) return;
    try {
      await cancelSignup(e.id);
      setEvents((list) => (list ? list.filter((x) => x.id !== e.id) : list));
      setNotice(null);
      Taro.showToast({ title: TEXT.cancelled, icon: 'none' }).catch(() => undefined);
    } catch (err) {
      setNotice({ eventId: e.id, text: errorMessage(err, TEXT.failed), error: true });
    }
  };

  if (!loggedIn) {
    return <LoginNeeded text={TEXT.loginNeeded} testId='my-events-login-needed' />;
  }

  return (
    <View className='nx-page my-events' data-testid='my-events'>
      {error && <RetryCard message={error} onRetry={load} testId='my-events-error' />}
      {!events && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {events && events.length === 0 && (
        <View className='nx-card' data-testid='my-events-none'>
          <Text className='nx-text'>{TEXT.none}</Text>
          <Button fill='outline' onClick={() => Taro.switchTab({ url: STATION_ROUTES.list })}>
            {TEXT.findStations}
          </Button>
        </View>
      )}
      {events && events.length > 0 && (
        <View className='my-events__list'>
          {events.map((e) => {
            // Only a seat for an event still to come can be given back; the card says 进行中 / 已结束 itself.
            const upcoming = eventPhase(e) === 'upcoming';
            return (
              <StationEventCard
                key={e.id}
                event={e}
                caption={e.station.name}
                signedUp
                notice={notice?.eventId === e.id ? notice : null}
                onClick={() => Taro.navigateTo({ url: stationUrl(STATION_ROUTES.detail, e.station.id) })}
                action={
                  upcoming ? (
                    <Button
                      fill='outline'
                      onClick={(ev) => {
                        ev.stopPropagation();
                        cancel(e);
                      }}
                      data-testid='my-event-cancel'
                    >
                      {TEXT.cancel}
                    </Button>
                  ) : undefined
                }
              />
            );
          })}
        </View>
      )}
    </View>
  );
}
