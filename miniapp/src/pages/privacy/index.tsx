import { Text, View } from '@tarojs/components';
import { PRIVACY_SECTIONS, PRIVACY_UPDATED } from './privacy-text';
import './index.scss';

export default function PrivacyPage() {
  return (
    <View className='nx-page privacy-page' data-testid='privacy-page'>
      <Text className='nx-title'>暖新隐私政策</Text>
      <Text className='privacy-page__updated'>更新日期：{PRIVACY_UPDATED}</Text>
      {PRIVACY_SECTIONS.map((section) => (
        <View key={section.title} className='nx-card'>
          <Text className='privacy-page__heading'>{section.title}</Text>
          {section.paragraphs.map((p) => (
            <Text key={p} className='nx-text privacy-page__paragraph'>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
