import { Text, View } from '@tarojs/components';
import './entry-row.scss';

export interface EntryRowProps {
  title: string;
  description?: string;
  onClick: () => void;
  testId: string;
}

/** A full-width tappable row (≥ 52px) leading to another page. */
export function EntryRow({ title, description, onClick, testId }: EntryRowProps) {
  return (
    <View className='entry-row' hoverClass='entry-row--pressed' onClick={onClick} data-testid={testId}>
      <View className='entry-row__text'>
        <Text className='entry-row__title'>{title}</Text>
        {description && <Text className='entry-row__description'>{description}</Text>}
      </View>
      <View className='nx-chevron' />
    </View>
  );
}
